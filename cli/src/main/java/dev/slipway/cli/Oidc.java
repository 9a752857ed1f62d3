package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The OIDC provider, through its discovery document: the authorization code flow with PKCE (RFC
 * 7636, for a browser on this machine), the device authorization grant (RFC 8628), the password
 * grant (local run only) and refreshes.
 */
public final class Oidc {

  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private final Http http;
  private final String issuer;
  private final String clientId;
  private final Clock clock;
  private final Sleeper sleeper;
  private JsonNode discovery;

  /** Waits between polls; tests do not. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public Oidc(Http http, String issuer, String clientId, Clock clock, Sleeper sleeper) {
    this.http = http;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** What the user must do to sign in on another device. */
  public record DeviceCode(
      Pkce pkce,
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      int intervalSeconds,
      int expiresInSeconds) {}

  JsonNode discovery() {
    if (discovery == null) {
      Http.Answer answer =
          http.send(
              HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                  .header("Accept", "application/json")
                  .GET(),
              "the OIDC provider");
      if (!answer.ok() || answer.json() == null) {
        throw new CliException(
            ExitCode.SERVER,
            "The OIDC provider "
                + issuer
                + " has no discovery document (HTTP "
                + answer.status()
                + "). Check SLIPWAY_OIDC_ISSUER or --issuer.");
      }
      discovery = answer.json();
    }
    return discovery;
  }

  private String endpoint(String name) {
    JsonNode url = discovery().path(name);
    if (!url.isTextual()) {
      throw new CliException(
          ExitCode.NOT_AVAILABLE, "The OIDC provider " + issuer + " does not offer " + name + ".");
    }
    return url.asText();
  }

  /** Whether the provider offers the device authorization grant (Keycloak does, per client). */
  public boolean offersDeviceFlow() {
    return discovery().path("device_authorization_endpoint").isTextual();
  }

  /** Where to send the browser: the provider's login, then a redirect to {@code redirectUri}. */
  public String authorizationUrl(String redirectUri, Pkce pkce) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri);
    query.put("scope", "openid");
    query.put("state", pkce.state());
    query.put("code_challenge", pkce.challenge());
    query.put("code_challenge_method", "S256");
    String endpoint = endpoint("authorization_endpoint");
    return endpoint + (endpoint.contains("?") ? "&" : "?") + Http.form(query);
  }

  /** Trades the code the browser brought back for tokens, proving it is the same client (PKCE). */
  public Credentials exchangeCode(String code, String redirectUri, Pkce pkce) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", clientId);
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", pkce.verifier());
    Http.Answer answer = post(endpoint("token_endpoint"), form);
    if (!answer.ok() || answer.json() == null) {
      throw tokenError(answer, "Sign-in failed");
    }
    return Credentials.fromTokenResponse(issuer, clientId, answer.json(), clock.instant());
  }

  public DeviceCode startDeviceFlow() {
    // PKCE here too: a provider that requires it for the client (Keycloak with S256 set) refuses
    // the device request without it; one that does not ignores the extra parameters.
    Pkce pkce = Pkce.generate();
    Http.Answer answer =
        post(
            endpoint("device_authorization_endpoint"),
            Map.of(
                "client_id",
                clientId,
                "scope",
                "openid",
                "code_challenge",
                pkce.challenge(),
                "code_challenge_method",
                "S256"));
    JsonNode body = answer.json();
    if (!answer.ok() || body == null) {
      throw tokenError(answer, "The device sign-in could not start");
    }
    return new DeviceCode(
        pkce,
        body.path("device_code").asText(),
        body.path("user_code").asText(),
        body.path("verification_uri").asText(),
        body.path("verification_uri_complete").asText(null),
        Math.max(1, body.path("interval").asInt(5)),
        body.path("expires_in").asInt(600));
  }

  /** Polls the token endpoint until the user approved, denied, or the code expired. */
  public Credentials awaitDeviceToken(DeviceCode code, Consumer<Duration> waiting) {
    Instant start = clock.instant();
    Instant deadline = start.plusSeconds(code.expiresInSeconds());
    Duration interval = Duration.ofSeconds(code.intervalSeconds());
    String tokenEndpoint = endpoint("token_endpoint");
    while (clock.instant().isBefore(deadline)) {
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCode.AUTH, "Sign-in interrupted.");
      }
      waiting.accept(Duration.between(start, clock.instant()));
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", DEVICE_GRANT);
      form.put("device_code", code.deviceCode());
      form.put("client_id", clientId);
      form.put("code_verifier", code.pkce().verifier());
      Http.Answer answer = post(tokenEndpoint, form);
      if (answer.ok() && answer.json() != null) {
        return Credentials.fromTokenResponse(issuer, clientId, answer.json(), clock.instant());
      }
      String error = answer.json() == null ? "" : answer.json().path("error").asText();
      switch (error) {
        case "authorization_pending" -> {}
        case "slow_down" -> interval = interval.plusSeconds(5);
        case "access_denied" ->
            throw new CliException(ExitCode.AUTH, "Sign-in was denied in the browser.");
        case "expired_token" -> throw expired();
        default -> throw tokenError(answer, "Sign-in failed");
      }
    }
    throw expired();
  }

  public Credentials passwordGrant(String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", password);
    form.put("scope", "openid");
    Http.Answer answer = post(endpoint("token_endpoint"), form);
    if (!answer.ok() || answer.json() == null) {
      throw tokenError(answer, "Sign-in failed");
    }
    return Credentials.fromTokenResponse(issuer, clientId, answer.json(), clock.instant());
  }

  public Credentials refresh(Credentials old) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", clientId);
    form.put("refresh_token", old.refreshToken());
    Http.Answer answer = post(endpoint("token_endpoint"), form);
    if (!answer.ok() || answer.json() == null) {
      throw new CliException(
          ExitCode.AUTH, "Your session has expired: sign in again with `slipway-cli login`.");
    }
    Credentials fresh =
        Credentials.fromTokenResponse(issuer, clientId, answer.json(), clock.instant());
    // Providers may keep the old refresh token rather than rotate it.
    return fresh.refreshToken() != null
        ? fresh
        : new Credentials(
            issuer,
            clientId,
            fresh.accessToken(),
            old.refreshToken(),
            fresh.expiresAt(),
            old.refreshExpiresAt());
  }

  private Http.Answer post(String url, Map<String, String> form) {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Http.form(form))),
        "the OIDC provider");
  }

  private static CliException expired() {
    return new CliException(
        ExitCode.AUTH,
        "The sign-in code expired before it was used: run `slipway-cli login` again.");
  }

  private CliException tokenError(Http.Answer answer, String what) {
    JsonNode body = answer.json();
    String description =
        body == null
            ? "HTTP " + answer.status()
            : body.path("error_description")
                .asText(body.path("error").asText("HTTP " + answer.status()));
    int code = answer.status() >= 500 ? ExitCode.SERVER : ExitCode.AUTH;
    return new CliException(code, what + ": " + description + ".");
  }
}
