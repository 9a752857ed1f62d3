package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What {@code login} keeps: the tokens, when they expire, and which provider issued them. */
public record Credentials(
    String issuer,
    String clientId,
    String accessToken,
    String refreshToken,
    Instant expiresAt,
    Instant refreshExpiresAt) {

  /** From a token endpoint's answer, received at {@code now}. */
  public static Credentials fromTokenResponse(
      String issuer, String clientId, JsonNode token, Instant now) {
    Instant refreshExpiry =
        token.path("refresh_expires_in").asLong(0) > 0
            ? now.plusSeconds(token.path("refresh_expires_in").asLong())
            : null;
    return new Credentials(
        issuer,
        clientId,
        token.path("access_token").asText(),
        token.path("refresh_token").isTextual() ? token.path("refresh_token").asText() : null,
        now.plusSeconds(token.path("expires_in").asLong(300)),
        refreshExpiry);
  }

  /**
   * An access token obtained elsewhere ({@code login --with-token}): kept until its {@code exp},
   * with nothing to refresh it by.
   */
  public static Credentials ofAccessToken(String issuer, String clientId, String accessToken) {
    Credentials bare = new Credentials(issuer, clientId, accessToken, null, null, null);
    long exp = bare.claims().path("exp").asLong(0);
    return new Credentials(
        issuer, clientId, accessToken, null, exp > 0 ? Instant.ofEpochSecond(exp) : null, null);
  }

  public boolean expired(Instant now) {
    // A little early: the token must still be valid when the gateway reads it.
    return expiresAt == null || !now.isBefore(expiresAt.minusSeconds(20));
  }

  public boolean refreshable(Instant now) {
    return refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
  }

  /** The access token's claims (not verified: the gateway verifies; this is only for display). */
  public JsonNode claims() {
    String[] parts = accessToken.split("\\.");
    if (parts.length < 2) {
      return Json.object();
    }
    try {
      return Json.parse(
          new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }

  /** Teams from the {@code groups} claim ({@code /teams/<team>/<role>}), in token order. */
  public List<String> teams() {
    List<String> teams = new ArrayList<>();
    for (JsonNode group : claims().path("groups")) {
      String[] parts = group.asText().split("/");
      if (parts.length >= 3 && parts[1].equals("teams") && !teams.contains(parts[2])) {
        teams.add(parts[2]);
      }
    }
    return teams;
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("issuer", issuer);
    node.put("clientId", clientId);
    node.put("accessToken", accessToken);
    node.put("refreshToken", refreshToken);
    node.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    node.put("refreshExpiresAt", refreshExpiresAt == null ? null : refreshExpiresAt.toString());
    return node;
  }

  static Credentials fromJson(JsonNode node) {
    return new Credentials(
        text(node, "issuer"),
        text(node, "clientId"),
        text(node, "accessToken"),
        text(node, "refreshToken"),
        instant(node, "expiresAt"),
        instant(node, "refreshExpiresAt"));
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    return text == null ? null : Instant.parse(text);
  }

  @Override
  public String toString() {
    // Never a token in a log line or a stack trace.
    return "Credentials[issuer=" + issuer + ", expiresAt=" + expiresAt + "]";
  }
}
