package dev.slipway.launcher.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.launcher.seed.OidcTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Creates the {@code slipway} realm through the admin REST API when the database has none. Not
 * {@code --import-realm}: that reads a directory inside the Keycloak home, which every checkout on
 * the machine shares, while the realm (and its demo password) belongs to one checkout's data.
 */
public final class KeycloakRealmSetup {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakRealmSetup() {}

  /** Returns whether the realm was created now (false: it was there from an earlier start). */
  public static boolean ensureRealm(String baseUrl, String adminPassword, Map<String, Object> realm)
      throws IOException, InterruptedException {
    String token = adminToken(baseUrl, adminPassword);
    String name = (String) realm.get("realm");
    HttpResponse<String> existing =
        HTTP.send(
            authorized(URI.create(baseUrl + "/admin/realms/" + name), token).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (existing.statusCode() == 200) {
      // A realm from before the console: add its client, so deleting .slipway is not needed.
      addClientIfMissing(baseUrl, token, name, RealmDefinition.consoleClient());
      return false;
    }
    HttpResponse<String> created =
        HTTP.send(
            authorized(URI.create(baseUrl + "/admin/realms"), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(realm)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IOException(
          "Keycloak refused the realm "
              + name
              + ": HTTP "
              + created.statusCode()
              + " "
              + created.body());
    }
    return created.statusCode() == 201;
  }

  private static void addClientIfMissing(
      String baseUrl, String token, String realm, Map<String, Object> client)
      throws IOException, InterruptedException {
    String clients = baseUrl + "/admin/realms/" + realm + "/clients";
    HttpResponse<String> found =
        HTTP.send(
            authorized(URI.create(clients + "?clientId=" + client.get("clientId")), token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (found.statusCode() == 200 && JSON.readTree(found.body()).size() > 0) {
      return;
    }
    HttpResponse<String> created =
        HTTP.send(
            authorized(URI.create(clients), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IOException(
          "Keycloak refused the client "
              + client.get("clientId")
              + ": HTTP "
              + created.statusCode()
              + " "
              + created.body());
    }
  }

  private static String adminToken(String baseUrl, String password)
      throws IOException, InterruptedException {
    try {
      return OidcTokens.passwordGrant(
          baseUrl + "/realms/master", "admin-cli", KeycloakServer.BOOTSTRAP_ADMIN, password);
    } catch (IOException e) {
      throw new IOException(
          e.getMessage()
              + ". Keycloak's database predates .slipway/demo-password? Delete .slipway to start"
              + " afresh.",
          e);
    }
  }

  private static HttpRequest.Builder authorized(URI uri, String token) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
  }
}
