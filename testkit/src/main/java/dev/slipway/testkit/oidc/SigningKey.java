package dev.slipway.testkit.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/** An RSA key pair made for one server's life: nothing outside this JVM can sign with it. */
record SigningKey(String keyId, KeyPair pair) {

  static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is always available", e);
    }
  }

  PrivateKey privateKey() {
    return pair.getPrivate();
  }

  /** The public half as a JWK Set document, what {@code jwks_uri} serves. */
  String jwksJson() {
    RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
    jwk.setKeyId(keyId);
    jwk.setAlgorithm("RS256");
    jwk.setUse("sig");
    return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }
}
