package dev.slipway.testkit.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.testkit.support.ShutdownHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A minimal OpenID Provider on 127.0.0.1: discovery, a JWKS and RS256 access tokens minted in the
 * test itself, plus a login page (authorization code with PKCE) for the browser tests of the web
 * console ({@link #registerUser}).
 *
 * <p>Why beside Keycloak: the local run uses Keycloak, the real provider, with its login pages and
 * users. Most tests need none of that, only tokens that Quarkus OIDC verifies the way it verifies
 * Keycloak's (discovery, JWKS, issuer, expiry, groups): this server starts in milliseconds on a
 * free port, needs no second JVM or container, and lets a test mint any token, including the bad
 * ones ({@link TokenBuilder}). Paths and claims follow Keycloak's, so the same service config works
 * against both.
 */
public final class TestOidcServer {

  static final String REALM_PATH = "/realms/slipway";

  private static TestOidcServer shared;

  private final HttpServer http;
  private final SigningKey signingKey = SigningKey.generate();
  private final LoginFlow loginFlow = new LoginFlow(this);
  private final ShutdownHook shutdownHook;
  private SigningKey unknownKey;
  private boolean stopped;

  private TestOidcServer(HttpServer http) {
    this.http = http;
    http.createContext(REALM_PATH + "/.well-known/openid-configuration", this::discovery);
    http.createContext(REALM_PATH + "/protocol/openid-connect/certs", this::jwks);
    // Services never call these; a browser client (the web console) signs in through them as
    // the users a test registered. Other tests mint their tokens directly.
    http.createContext(REALM_PATH + "/protocol/openid-connect/token", loginFlow::token);
    http.createContext(REALM_PATH + "/protocol/openid-connect/auth", loginFlow::authorize);
    http.start();
    this.shutdownHook = ShutdownHook.register("oidc-" + port(), this::stop);
  }

  /** The provider of this JVM, on a free port; started on first use. */
  public static synchronized TestOidcServer shared() {
    if (shared == null || shared.stopped) {
      shared = start(0);
    }
    return shared;
  }

  /** A provider on a given port (0: any free port), for the local run without Keycloak. */
  public static TestOidcServer start(int port) {
    try {
      return new TestOidcServer(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:port/realms/slipway}, for {@code quarkus.oidc.auth-server-url}. */
  public String issuer() {
    return "http://127.0.0.1:" + port() + REALM_PATH;
  }

  /** A valid token for one hour: {@code token("alice", List.of("/teams/payments/developer"))}. */
  public String token(String username, List<String> groups) {
    return tokenFor(username).groups(groups).sign();
  }

  /**
   * A user who can sign in on the login page (authorization code flow with PKCE), for tests that
   * drive a browser; the access token carries {@code groups} as {@link #token} does.
   */
  public void registerUser(String username, String password, List<String> groups) {
    loginFlow.register(username, password, groups);
  }

  /** A token to shape before signing, good or deliberately bad. */
  public TokenBuilder tokenFor(String username) {
    return new TokenBuilder(this, username);
  }

  /** A stable subject per username, as a provider keeps one id per user. */
  static String subjectOf(String username) {
    return UUID.nameUUIDFromBytes(
            ("slipway-test-user:" + username).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  SigningKey signingKey() {
    return signingKey;
  }

  synchronized SigningKey unknownKey() {
    if (unknownKey == null) {
      unknownKey = SigningKey.generate();
    }
    return unknownKey;
  }

  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    shutdownHook.cancel();
    http.stop(0);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String issuer = issuer();
    String endpoints = issuer + "/protocol/openid-connect";
    respond(
        exchange,
        200,
        """
        {"issuer":"%1$s",\
        "authorization_endpoint":"%2$s/auth",\
        "token_endpoint":"%2$s/token",\
        "jwks_uri":"%2$s/certs",\
        "response_types_supported":["code"],\
        "code_challenge_methods_supported":["S256"],\
        "subject_types_supported":["public"],\
        "id_token_signing_alg_values_supported":["RS256"],\
        "grant_types_supported":["authorization_code"],\
        "claims_supported":["iss","sub","aud","exp","iat","azp","preferred_username","groups"]}"""
            .formatted(issuer, endpoints));
  }

  private void jwks(HttpExchange exchange) throws IOException {
    respond(exchange, 200, signingKey.jwksJson());
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    try (exchange) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      // A browser client on another origin (the gateway's) reads discovery, keys and tokens.
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
