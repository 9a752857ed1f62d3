package dev.slipway.launcher.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens by the resource owner password grant: the local run's own logins only (seeding, the
 * Keycloak admin), never a production path.
 */
public final class OidcTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OidcTokens() {}

  /** {@code issuer} is the realm URL, e.g. {@code http://127.0.0.1:18080/realms/slipway}. */
  public static String passwordGrant(
      String issuer, String clientId, String username, String password)
      throws IOException, InterruptedException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "password");
    fields.put("client_id", clientId);
    fields.put("username", username);
    fields.put("password", password);
    fields.put("scope", "openid");
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "no token for "
              + username
              + " from "
              + issuer
              + " (client "
              + clientId
              + "): HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  static String form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (name, value) -> {
          if (body.length() > 0) {
            body.append('&');
          }
          body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return body.toString();
  }
}
