package dev.slipway.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key pair that signs checkpoints. The private key never leaves this object; the public
 * key is published (PEM) so that anyone can check a checkpoint offline.
 */
public final class CheckpointKey {

  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyId(publicKey);
  }

  /**
   * @param privateKeyBase64 PKCS#8 DER, base64
   * @param publicKeyBase64 X.509 SubjectPublicKeyInfo DER, base64
   * @throws IllegalArgumentException when a key cannot be read or the two do not belong together
   *     (the message never contains key material)
   */
  public static CheckpointKey of(String privateKeyBase64, String publicKeyBase64) {
    try {
      KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
      var key =
          new CheckpointKey(
              keys.generatePrivate(new PKCS8EncodedKeySpec(decode(privateKeyBase64))),
              keys.generatePublic(new X509EncodedKeySpec(decode(publicKeyBase64))));
      String probe = "slipway-audit-key-check";
      if (!key.verifies(probe, key.sign(probe))) {
        throw new IllegalArgumentException(
            "the checkpoint public key does not belong to the signing key");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "slipway.audit.checkpoint.signing-key/public-key: not an Ed25519 key pair in base64 DER"
              + " (PKCS#8 and X.509)",
          null);
    }
  }

  public String sign(String text) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a checkpoint", e);
    }
  }

  public boolean verifies(String text, String signatureBase64) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public String keyId() {
    return keyId;
  }

  /** The public key as a PEM block, as {@code openssl pkey -pubout} writes it. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(publicKey.getEncoded())
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

  private static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64.trim());
  }
}
