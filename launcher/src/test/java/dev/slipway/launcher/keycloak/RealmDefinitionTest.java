package dev.slipway.launcher.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealmDefinitionTest {
  private final JsonNode realm =
      new ObjectMapper().valueToTree(RealmDefinition.realm("slipway-cli", "pw"));

  @Test
  void groupsAreTheFullPathsTheServicesRead() {
    List<String> paths = new ArrayList<>();
    realm.path("groups").forEach(group -> collect(group, "", paths));

    assertThat(paths)
        .contains(
            "/teams/payments/developer",
            "/teams/payments/tech-lead",
            "/teams/search/developer",
            "/teams/search/tech-lead",
            "/platform-admin");
  }

  @Test
  void everyDemoUserCanLogInWithThePasswordAndBelongsToItsGroup() {
    assertThat(realm.path("users").size()).isEqualTo(4);
    JsonNode bob = user("bob");
    assertThat(bob.path("groups").get(0).asText()).isEqualTo("/teams/payments/tech-lead");
    assertThat(bob.path("credentials").get(0).path("value").asText()).isEqualTo("pw");
    assertThat(bob.path("credentials").get(0).path("temporary").asBoolean()).isFalse();
    // Keycloak's user profile refuses the password grant to users without these.
    assertThat(bob.path("email").asText()).isNotEmpty();
    assertThat(bob.path("lastName").asText()).isNotEmpty();
    assertThat(user("admin").path("groups").get(0).asText()).isEqualTo("/platform-admin");
  }

  @Test
  void theCliClientIsPublicWithBrowserPasswordAndDeviceGrants() {
    JsonNode client = realm.path("clients").get(0);

    assertThat(client.path("clientId").asText()).isEqualTo("slipway-cli");
    assertThat(client.path("publicClient").asBoolean()).isTrue();
    assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
    assertThat(client.path("attributes").path("oauth2.device.authorization.grant.enabled").asText())
        .isEqualTo("true");
    assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(client.path("attributes").path("pkce.code.challenge.method").asText())
        .isEqualTo("S256");
    assertThat(client.path("redirectUris").toString()).isEqualTo("[\"http://127.0.0.1/*\"]");
  }

  @Test
  void theConsoleClientSignsInByCodeWithPkceOnTheGatewaysConsoleOnly() {
    JsonNode client = realm.path("clients").get(1);

    assertThat(client.path("clientId").asText()).isEqualTo("slipway-web");
    assertThat(client.path("publicClient").asBoolean()).isTrue();
    assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    assertThat(client.path("attributes").path("pkce.code.challenge.method").asText())
        .isEqualTo("S256");
    List<String> redirects = new ArrayList<>();
    client.path("redirectUris").forEach(uri -> redirects.add(uri.asText()));
    assertThat(redirects).allMatch(uri -> uri.endsWith(":8080/console/*"));
    assertThat(mapper(client.path("protocolMappers"), "oidc-audience-mapper")).isNotNull();
  }

  @Test
  void tokensCarryFullGroupPathsAndTheSlipwayAudience() {
    JsonNode mappers = realm.path("clients").get(0).path("protocolMappers");
    JsonNode groups = mapper(mappers, "oidc-group-membership-mapper");
    JsonNode audience = mapper(mappers, "oidc-audience-mapper");

    assertThat(groups.path("config").path("claim.name").asText()).isEqualTo("groups");
    assertThat(groups.path("config").path("full.path").asText()).isEqualTo("true");
    assertThat(groups.path("config").path("access.token.claim").asText()).isEqualTo("true");
    assertThat(audience.path("config").path("included.custom.audience").asText())
        .isEqualTo("slipway");
    assertThat(audience.path("config").path("access.token.claim").asText()).isEqualTo("true");
  }

  private JsonNode user(String username) {
    for (JsonNode user : realm.path("users")) {
      if (user.path("username").asText().equals(username)) {
        return user;
      }
    }
    throw new AssertionError("no user " + username);
  }

  private static JsonNode mapper(JsonNode mappers, String type) {
    for (JsonNode mapper : mappers) {
      if (mapper.path("protocolMapper").asText().equals(type)) {
        return mapper;
      }
    }
    throw new AssertionError("no mapper " + type);
  }

  private static void collect(JsonNode group, String parent, List<String> paths) {
    String path = parent + "/" + group.path("name").asText();
    paths.add(path);
    group.path("subGroups").forEach(sub -> collect(sub, path, paths));
  }
}
