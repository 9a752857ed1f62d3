package dev.slipway.launcher.keycloak;

import dev.slipway.launcher.DevSettings;
import dev.slipway.launcher.services.SlipwayService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code slipway} realm as a Keycloak RealmRepresentation: the groups the services read from
 * the {@code groups} claim (full paths), the demo users, the public client the CLI and the printed
 * example log in with, and the web console's public client (authorization code with PKCE).
 */
public final class RealmDefinition {
  public static final String REALM = "slipway";
  public static final String AUDIENCE = "slipway";

  /** The web console's client (api-gateway's {@code slipway.console.client-id} default). */
  public static final String CONSOLE_CLIENT_ID = "slipway-web";

  static final List<String> TEAMS = List.of("payments", "search");
  static final List<String> TEAM_ROLES = List.of("developer", "tech-lead");

  private RealmDefinition() {}

  public static Map<String, Object> realm(String clientId, String demoPassword) {
    Map<String, Object> realm = new LinkedHashMap<>();
    realm.put("realm", REALM);
    realm.put("enabled", true);
    // Loopback only; without it Keycloak would still allow HTTP from 127.0.0.1, but say why.
    realm.put("sslRequired", "none");
    // Long enough that a token fetched for the printed example outlives the copy-paste.
    realm.put("accessTokenLifespan", 1800);
    realm.put("groups", groups());
    realm.put("users", DemoUser.ALL.stream().map(user -> user(user, demoPassword)).toList());
    realm.put("clients", List.of(cliClient(clientId), consoleClient()));
    return realm;
  }

  private static List<Map<String, Object>> groups() {
    Map<String, Object> teams =
        group(
            "teams",
            TEAMS.stream()
                .map(
                    team -> group(team, TEAM_ROLES.stream().map(r -> group(r, List.of())).toList()))
                .toList());
    return List.of(teams, group("platform-admin", List.of()));
  }

  private static Map<String, Object> group(String name, List<Map<String, Object>> subGroups) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", name);
    group.put("subGroups", subGroups);
    return group;
  }

  private static Map<String, Object> user(DemoUser demo, String password) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", demo.username());
    user.put("enabled", true);
    // Keycloak's user profile requires these; without them the password grant answers
    // "Account is not fully set up".
    user.put("email", demo.username() + "@slipway.local");
    user.put("emailVerified", true);
    user.put("firstName", demo.firstName());
    user.put("lastName", "Demo");
    user.put(
        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
    user.put("groups", List.of(demo.groupPath()));
    return user;
  }

  private static Map<String, Object> cliClient(String clientId) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", clientId);
    client.put("name", "Slipway CLI and scripts");
    client.put("protocol", "openid-connect");
    client.put("publicClient", true);
    // The CLI signs in in the browser (code + PKCE, redirected to its own port on 127.0.0.1; the
    // port is left out because it changes every time, RFC 8252) or with the device grant.
    client.put("standardFlowEnabled", true);
    client.put("redirectUris", List.of("http://127.0.0.1/*"));
    // The password grant is for the local run only (scripts, the printed example).
    client.put("directAccessGrantsEnabled", true);
    client.put(
        "attributes",
        Map.of(
            "oauth2.device.authorization.grant.enabled", "true",
            "pkce.code.challenge.method", "S256"));
    client.put("protocolMappers", List.of(groupsMapper(), audienceMapper()));
    return client;
  }

  /** The console signs in in the browser, served by the gateway under /console/. */
  static Map<String, Object> consoleClient() {
    String gateway = "http://" + DevSettings.LOOPBACK + ":" + SlipwayService.GATEWAY.port();
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", CONSOLE_CLIENT_ID);
    client.put("name", "Slipway web console");
    client.put("protocol", "openid-connect");
    client.put("publicClient", true);
    client.put("standardFlowEnabled", true);
    client.put("directAccessGrantsEnabled", false);
    client.put("redirectUris", List.of(gateway + "/console/*", "http://localhost:8080/console/*"));
    // "+": the origins of the redirect URIs may call the token endpoint (CORS).
    client.put("webOrigins", List.of("+"));
    client.put(
        "attributes",
        Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
    client.put("protocolMappers", List.of(groupsMapper(), audienceMapper()));
    return client;
  }

  /** {@code groups: ["/teams/payments/developer"]}: full paths, as the services expect. */
  private static Map<String, Object> groupsMapper() {
    return mapper(
        "groups",
        "oidc-group-membership-mapper",
        Map.of(
            "claim.name", "groups",
            "full.path", "true",
            "access.token.claim", "true",
            "id.token.claim", "true",
            "userinfo.token.claim", "true"));
  }

  /** The services accept only tokens meant for them ({@code quarkus.oidc.token.audience}). */
  private static Map<String, Object> audienceMapper() {
    return mapper(
        "audience-" + AUDIENCE,
        "oidc-audience-mapper",
        Map.of(
            "included.custom.audience", AUDIENCE,
            "access.token.claim", "true",
            "id.token.claim", "false"));
  }

  private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
    Map<String, Object> mapper = new LinkedHashMap<>();
    mapper.put("name", name);
    mapper.put("protocol", "openid-connect");
    mapper.put("protocolMapper", type);
    mapper.put("config", config);
    return mapper;
  }
}
