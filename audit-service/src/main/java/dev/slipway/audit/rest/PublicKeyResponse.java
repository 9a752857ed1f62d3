package dev.slipway.audit.rest;

import java.util.List;

/**
 * The key that checks checkpoint signatures, as PEM (what {@code openssl pkey -pubout} writes), and
 * the keys it replaced, for checkpoints signed before a rotation.
 */
public record PublicKeyResponse(
    String keyId, String algorithm, String pem, List<PreviousKey> previous) {

  /** A public key replaced by a rotation. */
  public record PreviousKey(String keyId, String pem) {}
}
