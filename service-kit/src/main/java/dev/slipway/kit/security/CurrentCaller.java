package dev.slipway.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads team memberships from the token's group claim. Groups look like {@code
 * /teams/payments/developer}, {@code /teams/payments/tech-lead} and {@code /platform-admin}
 * (Keycloak group paths); the claim's name is configurable for other providers.
 */
@RequestScoped
public class CurrentCaller {

  private static final Pattern TEAM_GROUP =
      Pattern.compile("^/?teams/([a-z0-9]([-a-z0-9]*[a-z0-9])?)/(developer|tech-lead)$");

  @ConfigProperty(name = "slipway.auth.groups-claim", defaultValue = "groups")
  String groupsClaim;

  @ConfigProperty(name = "slipway.auth.admin-group", defaultValue = "/platform-admin")
  String adminGroup;

  @Inject SecurityIdentity identity;

  private Caller caller;

  /** The caller of the current request. */
  public Caller get() {
    if (caller == null) {
      caller = read();
    }
    return caller;
  }

  private Caller read() {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return new Caller(null, null, Map.of(), false);
    }
    Map<String, Caller.Role> teams = new HashMap<>();
    boolean admin = false;
    Object claim = token.getClaim(groupsClaim);
    if (claim instanceof Collection<?> groups) {
      for (Object group : groups) {
        String name = unquote(String.valueOf(group));
        if (name.equals(adminGroup)) {
          admin = true;
        }
        Matcher m = TEAM_GROUP.matcher(name);
        if (m.matches()) {
          Caller.Role role =
              m.group(3).equals("tech-lead") ? Caller.Role.TECH_LEAD : Caller.Role.DEVELOPER;
          teams.merge(m.group(1), role, (a, b) -> a == Caller.Role.TECH_LEAD ? a : b);
        }
      }
    }
    String username = token.getClaim("preferred_username");
    return new Caller(
        token.getSubject(),
        username != null ? username : token.getSubject(),
        Map.copyOf(teams),
        admin);
  }

  /** JSON string values of a JsonArray claim come with their quotes. */
  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
