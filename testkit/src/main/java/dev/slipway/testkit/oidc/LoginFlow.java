package dev.slipway.testkit.oidc;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization code flow with PKCE (S256), as a browser client such as the web console signs
 * in with Keycloak: a login page for the users a test registered, then a one-time code exchanged
 * for an access token (and an id token) at the token endpoint. Only loopback redirect URIs are
 * accepted: this provider serves tests on 127.0.0.1.
 */
final class LoginFlow {

  record User(String password, List<String> groups) {}

  private record Grant(
      String username, String clientId, String redirectUri, String challenge, String nonce) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TestOidcServer server;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();

  LoginFlow(TestOidcServer server) {
    this.server = server;
  }

  void register(String username, String password, List<String> groups) {
    users.put(username, new User(password, List.copyOf(groups)));
  }

  /**
   * GET shows the login form for the client's request; POST checks it and redirects with a code.
   */
  void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
    if ("POST".equals(exchange.getRequestMethod())) {
      params.putAll(
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
    String redirectUri = params.getOrDefault("redirect_uri", "");
    if (!"code".equals(params.get("response_type"))
        || !isLoopback(redirectUri)
        || !"S256".equals(params.get("code_challenge_method"))
        || params.getOrDefault("code_challenge", "").isEmpty()) {
      html(
          exchange,
          400,
          "<p>Bad request: response_type=code, a loopback redirect_uri and a"
              + " PKCE S256 code_challenge are required.</p>");
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      html(exchange, 200, loginPage(params, null));
      return;
    }
    String username = params.getOrDefault("username", "");
    User user = users.get(username);
    if (user == null || !user.password().equals(params.get("password"))) {
      html(exchange, 401, loginPage(params, "Invalid username or password."));
      return;
    }
    String code = randomToken();
    codes.put(
        code,
        new Grant(
            username,
            params.get("client_id"),
            redirectUri,
            params.get("code_challenge"),
            params.get("nonce")));
    StringBuilder location = new StringBuilder(redirectUri);
    location.append(redirectUri.contains("?") ? '&' : '?').append("code=").append(code);
    if (params.containsKey("state")) {
      location
          .append("&state=")
          .append(URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8));
    }
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  /** The token endpoint: {@code grant_type=authorization_code} with the PKCE verifier. */
  void token(HttpExchange exchange) throws IOException {
    Map<String, String> params =
        "POST".equals(exchange.getRequestMethod())
            ? form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
            : Map.of();
    if (!"authorization_code".equals(params.get("grant_type"))) {
      TestOidcServer.respond(
          exchange,
          400,
          "{\"error\":\"unsupported_grant_type\",\"error_description\":\"only"
              + " authorization_code; other tests mint their tokens\"}");
      return;
    }
    Grant grant = codes.remove(params.getOrDefault("code", ""));
    if (grant == null
        || !grant.redirectUri().equals(params.get("redirect_uri"))
        || !grant.challenge().equals(s256(params.getOrDefault("code_verifier", "")))) {
      TestOidcServer.respond(
          exchange,
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"unknown or used code, another"
              + " redirect_uri, or a code_verifier that does not match the challenge\"}");
      return;
    }
    User user = users.get(grant.username());
    String accessToken = server.tokenFor(grant.username()).groups(user.groups()).sign();
    TokenBuilder id = server.tokenFor(grant.username()).groups(user.groups());
    id.audience(grant.clientId());
    if (grant.nonce() != null) {
      id.claim("nonce", grant.nonce());
    }
    TestOidcServer.respond(
        exchange,
        200,
        "{\"access_token\":\"%s\",\"id_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"openid\"}"
            .formatted(accessToken, id.sign()));
  }

  private static boolean isLoopback(String redirectUri) {
    try {
      URI uri = URI.create(redirectUri);
      return "http".equals(uri.getScheme())
          && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String loginPage(Map<String, String> params, String error) {
    StringBuilder hidden = new StringBuilder();
    for (String name :
        List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method")) {
      if (params.containsKey(name)) {
        hidden.append(
            "<input type=\"hidden\" name=\"%s\" value=\"%s\">"
                .formatted(name, escape(params.get(name))));
      }
    }
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to slipway</title></head>
        <body><main><h1>Sign in to slipway</h1>%s
        <form method="post">%s
        <label>Username <input name="username" id="username" autocomplete="username"></label>
        <label>Password <input name="password" id="password" type="password"></label>
        <button type="submit" id="kc-login">Sign In</button>
        </form></main></body></html>"""
        .formatted(error == null ? "" : "<p role=\"alert\">" + escape(error) + "</p>", hidden);
  }

  private static void html(HttpExchange exchange, int status, String html) throws IOException {
    try (exchange) {
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
