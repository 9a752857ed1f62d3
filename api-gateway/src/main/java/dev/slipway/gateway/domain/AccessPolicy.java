package dev.slipway.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.kit.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access matrix of ARCHITECTURE.md, read from data ({@code access-policy.yaml}): which action
 * each route performs, and what each role may do with each action in each kind of environment.
 * Pure: no I/O beyond reading the table once; the gateway's {@code AccessFilter} applies it to
 * every request, and {@code AccessMatrixIT} generates its cases from the same table.
 */
public final class AccessPolicy {

  public static final String RESOURCE = "/access-policy.yaml";

  /** What a route needs before the policy can decide. */
  public enum Scope {
    /** {@code {team}} must be one of the caller's teams. */
    TEAM,
    /** ... and {@code {env}} must exist for that team. */
    ENVIRONMENT,
    /** No team in the path: the resource checks what it finds. */
    NONE,
    /** No bearer token (signed webhooks). */
    PUBLIC
  }

  /** Where the environment kind that decides comes from. */
  public enum KindSource {
    PATH,
    BODY
  }

  public enum Role {
    DEVELOPER("developer"),
    TECH_LEAD("tech-lead"),
    PLATFORM_ADMIN("platform-admin");

    private final String wire;

    Role(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public enum Decision {
    ALLOW,
    DENY,
    APPROVAL
  }

  public record Route(String verb, String path, String action, Scope scope, KindSource kind) {
    public String key() {
      return verb + " " + path;
    }
  }

  /** One action's rules: per role, a decision per environment kind ({@code null}: any kind). */
  public record Rule(
      String action, Map<Role, Map<EnvironmentKind, Decision>> byRole, String reason) {
    public Decision decide(Role role, EnvironmentKind kind) {
      Map<EnvironmentKind, Decision> byKind = byRole.getOrDefault(role, Map.of());
      Decision exact = kind == null ? null : byKind.get(kind);
      if (exact != null) {
        return exact;
      }
      return byKind.getOrDefault(null, Decision.DENY);
    }
  }

  private final Map<String, Route> routes;
  private final Map<String, Rule> rules;

  private AccessPolicy(Map<String, Route> routes, Map<String, Rule> rules) {
    this.routes = routes;
    this.rules = rules;
  }

  public static AccessPolicy load() {
    try (InputStream in = AccessPolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static AccessPolicy parse(JsonNode root) {
    Map<String, Rule> rules = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("actions").fields(); it.hasNext(); ) {
      var entry = it.next();
      Map<Role, Map<EnvironmentKind, Decision>> byRole = new EnumMap<>(Role.class);
      for (Role role : Role.values()) {
        JsonNode value = entry.getValue().get(role.wire());
        if (value == null) {
          throw new IllegalStateException(entry.getKey() + " says nothing for " + role.wire());
        }
        Map<EnvironmentKind, Decision> byKind = new HashMap<>();
        if (value.isTextual()) {
          byKind.put(null, decision(value.asText()));
        } else {
          value
              .fields()
              .forEachRemaining(
                  k ->
                      byKind.put(
                          "*".equals(k.getKey()) ? null : EnvironmentKind.fromWire(k.getKey()),
                          decision(k.getValue().asText())));
        }
        byRole.put(role, byKind);
      }
      String reason = entry.getValue().path("reason").asText("Your role does not allow this.");
      rules.put(entry.getKey(), new Rule(entry.getKey(), byRole, reason));
    }
    Map<String, Route> routes = new HashMap<>();
    for (JsonNode r : root.path("routes")) {
      Route route =
          new Route(
              r.path("verb").asText(),
              r.path("path").asText(),
              r.path("action").asText(),
              Scope.valueOf(r.path("scope").asText().toUpperCase()),
              KindSource.valueOf(r.path("kind").asText("path").toUpperCase()));
      if (!rules.containsKey(route.action())) {
        throw new IllegalStateException(route.key() + " names unknown action " + route.action());
      }
      if (routes.put(route.key(), route) != null) {
        throw new IllegalStateException(route.key() + " is listed twice");
      }
    }
    return new AccessPolicy(Map.copyOf(routes), Map.copyOf(rules));
  }

  private static Decision decision(String text) {
    return Decision.valueOf(text.toUpperCase());
  }

  public Optional<Route> route(String verb, String path) {
    return Optional.ofNullable(routes.get(verb + " " + path));
  }

  public Collection<Route> routes() {
    return List.copyOf(new ArrayList<>(routes.values()));
  }

  public Rule rule(String action) {
    Rule rule = rules.get(action);
    if (rule == null) {
      throw new IllegalArgumentException("no rule for action " + action);
    }
    return rule;
  }

  /**
   * The caller's role for a team: platform admin first, then their role in that team. For routes of
   * no team ({@code team == null}) their highest role in any team. Empty: not a member of the team.
   */
  public static Optional<Role> roleOf(Caller caller, String team) {
    if (caller.platformAdmin()) {
      return Optional.of(Role.PLATFORM_ADMIN);
    }
    if (team == null) {
      return Optional.of(
          caller.teams().containsValue(Caller.Role.TECH_LEAD) ? Role.TECH_LEAD : Role.DEVELOPER);
    }
    Caller.Role role = caller.teams().get(team);
    if (role == null) {
      return Optional.empty();
    }
    return Optional.of(role == Caller.Role.TECH_LEAD ? Role.TECH_LEAD : Role.DEVELOPER);
  }

  /** The decision for a caller who may see {@code team} (or a route of no team). */
  public Decision decide(String action, Caller caller, String team, EnvironmentKind kind) {
    return roleOf(caller, team).map(role -> rule(action).decide(role, kind)).orElse(Decision.DENY);
  }
}
