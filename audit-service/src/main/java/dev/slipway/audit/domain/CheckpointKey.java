package dev.slipway.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs checkpoints. The private key never leaves this object; the public
 * key is published (PEM) so that anyone can check a checkpoint offline.
 */
public final class CheckpointKey {

  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final CheckpointPublicKey publicKey;

  private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = new CheckpointPublicKey(publicKey);
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
    return publicKey.verifies(text, signatureBase64);
  }

  public CheckpointPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return publicKey.keyId();
  }

  /** The public key as a PEM block, as {@code openssl pkey -pubout} writes it. */
  public String publicKeyPem() {
    return publicKey.pem();
  }

  static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64.trim());
  }
}
