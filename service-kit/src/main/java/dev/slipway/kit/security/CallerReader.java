package dev.slipway.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads a {@link Caller} from a verified identity with the configured group mapping. One per
 * application, so the mapping is configured once, not on every request ({@link CurrentCaller} is
 * request-scoped).
 */
@Singleton
public class CallerReader {

  private final String groupsClaim;
  private final GroupMapping mapping;

  public CallerReader(
      @ConfigProperty(name = "slipway.auth.groups-claim", defaultValue = "groups")
          String groupsClaim,
      @ConfigProperty(name = "slipway.auth.admin-group", defaultValue = "/platform-admin")
          String adminGroup,
      @ConfigProperty(
              name = "slipway.auth.developer-group",
              defaultValue = "/teams/{team}/developer")
          String developerGroup,
      @ConfigProperty(
              name = "slipway.auth.tech-lead-group",
              defaultValue = "/teams/{team}/tech-lead")
          String techLeadGroup) {
    this.groupsClaim = groupsClaim;
    this.mapping = new GroupMapping(adminGroup, developerGroup, techLeadGroup);
  }

  public Caller read(SecurityIdentity identity) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return new Caller(null, null, Map.of(), false);
    }
    List<String> groups = List.of();
    Object claim = token.getClaim(groupsClaim);
    if (claim instanceof Collection<?> values) {
      groups = values.stream().map(String::valueOf).map(CallerReader::unquote).toList();
    }
    String username = token.getClaim("preferred_username");
    return mapping.caller(
        token.getSubject(), username != null ? username : token.getSubject(), groups);
  }

  /** JSON string values of a JsonArray claim come with their quotes. */
  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
