package dev.slipway.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads team memberships from the token's group claim. By default groups look like {@code
 * /teams/payments/developer}, {@code /teams/payments/tech-lead} and {@code /platform-admin}
 * (Keycloak group paths); the claim's name and the group patterns are configurable for other
 * providers ({@code slipway.auth.*}, see {@link GroupMapping}).
 */
@RequestScoped
public class CurrentCaller {

  @ConfigProperty(name = "slipway.auth.groups-claim", defaultValue = "groups")
  String groupsClaim;

  @ConfigProperty(name = "slipway.auth.admin-group", defaultValue = "/platform-admin")
  String adminGroup;

  @ConfigProperty(name = "slipway.auth.developer-group", defaultValue = "/teams/{team}/developer")
  String developerGroup;

  @ConfigProperty(name = "slipway.auth.tech-lead-group", defaultValue = "/teams/{team}/tech-lead")
  String techLeadGroup;

  @Inject SecurityIdentity identity;

  private Caller caller;

  /** The caller of the current request. */
  public Caller get() {
    if (caller == null) {
      caller = read(identity);
    }
    return caller;
  }

  /**
   * The caller of the current request, read from an identity the code already holds, and remembered
   * for {@link #get()}. For code on the event loop before the request's deferred identity has been
   * awaited (api-gateway's access filter takes it from the routing context under proactive
   * authentication), where the injected identity must not be touched: resolving it there would
   * block.
   */
  public Caller of(SecurityIdentity identity) {
    if (caller == null) {
      caller = read(identity);
    }
    return caller;
  }

  private Caller read(SecurityIdentity identity) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return new Caller(null, null, Map.of(), false);
    }
    List<String> groups = List.of();
    Object claim = token.getClaim(groupsClaim);
    if (claim instanceof Collection<?> values) {
      groups = values.stream().map(String::valueOf).map(CurrentCaller::unquote).toList();
    }
    String username = token.getClaim("preferred_username");
    return new GroupMapping(adminGroup, developerGroup, techLeadGroup)
        .caller(token.getSubject(), username != null ? username : token.getSubject(), groups);
  }

  /** JSON string values of a JsonArray claim come with their quotes. */
  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
