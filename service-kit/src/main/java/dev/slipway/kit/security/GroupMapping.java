package dev.slipway.kit.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a token's groups into a {@link Caller}. Team groups are templates with a {@code {team}}
 * placeholder ({@code /teams/{team}/developer}, or {@code slipway-{team}-dev} for a provider
 * without group paths); a leading {@code /} is optional, as providers differ on it. Team names are
 * DNS labels, so a group that would name anything else is ignored.
 */
public record GroupMapping(String adminGroup, String developerGroup, String techLeadGroup) {

  private static final String TEAM = "([a-z0-9]([-a-z0-9]*[a-z0-9])?)";

  /** Compiled once per template: a caller is read on every request. */
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  public static GroupMapping defaults() {
    return new GroupMapping(
        "/platform-admin", "/teams/{team}/developer", "/teams/{team}/tech-lead");
  }

  public Caller caller(String subject, String username, Collection<String> groups) {
    Pattern developer = PATTERNS.computeIfAbsent(developerGroup, GroupMapping::pattern);
    Pattern techLead = PATTERNS.computeIfAbsent(techLeadGroup, GroupMapping::pattern);
    Map<String, Caller.Role> teams = new HashMap<>();
    boolean admin = false;
    for (String group : groups) {
      if (strip(group).equals(strip(adminGroup))) {
        admin = true;
      }
      Matcher lead = techLead.matcher(group);
      Matcher dev = developer.matcher(group);
      if (lead.matches()) {
        teams.put(lead.group(1), Caller.Role.TECH_LEAD);
      } else if (dev.matches()) {
        teams.putIfAbsent(dev.group(1), Caller.Role.DEVELOPER);
      }
    }
    return new Caller(subject, username, Map.copyOf(teams), admin);
  }

  static Pattern pattern(String template) {
    String stripped = strip(template);
    int at = stripped.indexOf("{team}");
    if (at < 0 || stripped.indexOf("{team}", at + 1) >= 0) {
      throw new IllegalArgumentException(
          "a team group template needs exactly one {team}: " + template);
    }
    return Pattern.compile(
        "^/?"
            + Pattern.quote(stripped.substring(0, at))
            + TEAM
            + Pattern.quote(stripped.substring(at + "{team}".length()))
            + "$");
  }

  private static String strip(String group) {
    return group.startsWith("/") ? group.substring(1) : group;
  }
}
