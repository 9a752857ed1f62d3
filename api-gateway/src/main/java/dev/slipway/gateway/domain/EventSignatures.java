package dev.slipway.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures of CloudEvents from producers outside Slipway. The signed bytes are the
 * attributes that decide what the event means and when it was made, then the data exactly as sent:
 * {@code id \n source \n type \n time \n data}. Ed25519 (not a shared HMAC secret) so that the
 * gateway holds only public keys and cannot forge a producer's decision itself.
 */
public final class EventSignatures {

  /** The CloudEvents extension attribute carrying the base64 signature (lowercase, ≤ 20 chars). */
  public static final String EXTENSION = "slipwaysig";

  private static final String ALGORITHM = "Ed25519";

  private EventSignatures() {}

  public static String sign(
      PrivateKey key, String id, String source, String type, String time, String data) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(signedBytes(id, source, type, time, data));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** False for a missing, malformed or wrong signature; never throws on what a producer sent. */
  public static boolean valid(
      PublicKey key,
      String id,
      String source,
      String type,
      String time,
      String data,
      String signature) {
    if (signature == null || time == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(signedBytes(id, source, type, time, data));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A public key as configured: the base64 of its X.509 SubjectPublicKeyInfo (a PEM's body). */
  public static PublicKey publicKey(String base64) {
    try {
      String body = base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (X.509, base64)", e);
    }
  }

  private static byte[] signedBytes(
      String id, String source, String type, String time, String data) {
    return String.join("\n", id, source, type, time, data).getBytes(StandardCharsets.UTF_8);
  }
}
