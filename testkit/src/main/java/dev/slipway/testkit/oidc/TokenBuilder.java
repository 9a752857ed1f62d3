package dev.slipway.testkit.oidc;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An access token like the ones Keycloak issues for Slipway, with switches to spoil it: tests of
 * the security rules need tokens that are expired, from another issuer, for another audience or
 * signed by a key the provider never published.
 */
public final class TokenBuilder {

  static final String AUDIENCE = "slipway";
  static final String CLIENT_ID = "slipway";

  private final TestOidcServer server;
  private final String username;
  private List<String> groups = List.of();
  private String issuer;
  private String audience = AUDIENCE;
  private Instant issuedAt = Instant.now();
  private Duration lifetime = Duration.ofHours(1);
  private boolean unknownKey;
  private final Map<String, Object> extraClaims = new LinkedHashMap<>();

  TokenBuilder(TestOidcServer server, String username) {
    this.server = server;
    this.username = username;
    this.issuer = server.issuer();
  }

  /**
   * Group paths as Keycloak writes them: {@code /teams/payments/developer}, {@code
   * /platform-admin}.
   */
  public TokenBuilder groups(List<String> groups) {
    this.groups = List.copyOf(groups);
    return this;
  }

  /** Issued two hours ago, expired one hour ago. */
  public TokenBuilder expired() {
    this.issuedAt = Instant.now().minus(Duration.ofHours(2));
    this.lifetime = Duration.ofHours(1);
    return this;
  }

  public TokenBuilder lifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  public TokenBuilder issuer(String issuer) {
    this.issuer = issuer;
    return this;
  }

  public TokenBuilder audience(String audience) {
    this.audience = audience;
    return this;
  }

  /** Signed with a key of the same id that the JWKS does not hold: a forged token. */
  public TokenBuilder signedWithUnknownKey() {
    this.unknownKey = true;
    return this;
  }

  public TokenBuilder claim(String name, Object value) {
    extraClaims.put(name, value);
    return this;
  }

  /** The compact JWS, for an {@code Authorization: Bearer} header. */
  public String sign() {
    JwtClaimsBuilder claims =
        Jwt.claims()
            .issuer(issuer)
            .subject(TestOidcServer.subjectOf(username))
            .preferredUserName(username)
            .groups(new LinkedHashSet<>(groups))
            .audience(audience)
            .claim("azp", CLIENT_ID)
            .claim("typ", "Bearer")
            .issuedAt(issuedAt)
            .expiresAt(issuedAt.plus(lifetime));
    extraClaims.forEach(claims::claim);
    SigningKey key = unknownKey ? server.unknownKey() : server.signingKey();
    return claims
        .jws()
        .algorithm(SignatureAlgorithm.RS256)
        .keyId(server.signingKey().keyId())
        .sign(key.privateKey());
  }
}
