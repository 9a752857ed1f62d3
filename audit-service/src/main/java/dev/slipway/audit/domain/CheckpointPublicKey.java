package dev.slipway.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key that checks checkpoint signatures: the current signing key's, or one it
 * replaced. Its id is the first 8 bytes of the SHA-256 of its X.509 DER, in hex, as stored with
 * every checkpoint it signed.
 */
public final class CheckpointPublicKey {

  private final PublicKey key;
  private final String keyId;

  CheckpointPublicKey(PublicKey key) {
    this.key = key;
    this.keyId = keyId(key);
  }

  /**
   * @param base64 X.509 SubjectPublicKeyInfo DER, base64
   * @throws IllegalArgumentException when it is not an Ed25519 public key (no key material in the
   *     message)
   */
  public static CheckpointPublicKey of(String base64) {
    try {
      return new CheckpointPublicKey(
          KeyFactory.getInstance(CheckpointKey.ALGORITHM)
              .generatePublic(new X509EncodedKeySpec(CheckpointKey.decode(base64))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key in base64 X.509 DER", null);
    }
  }

  public String keyId() {
    return keyId;
  }

  public boolean verifies(String text, String signatureBase64) {
    try {
      Signature verifier = Signature.getInstance(CheckpointKey.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The key as a PEM block, as {@code openssl pkey -pubout} writes it. */
  public String pem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
