package dev.slipway.audit.domain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys that check checkpoint signatures: the current signing key's and the ones it
 * replaced (a key rotation keeps the old public key here), so checkpoints signed before a rotation
 * still verify.
 *
 * @param current the signing key's public key; empty when this replica signs nothing
 * @param previous keys that signed earlier checkpoints
 */
public record CheckpointKeyring(
    Optional<CheckpointPublicKey> current, List<CheckpointPublicKey> previous) {

  public static CheckpointKeyring none() {
    return new CheckpointKeyring(Optional.empty(), List.of());
  }

  /** No key at all: checkpoints' heads and counts are compared, their signatures cannot be. */
  public boolean isEmpty() {
    return current.isEmpty() && previous.isEmpty();
  }

  public Optional<CheckpointPublicKey> find(String keyId) {
    return Stream.concat(current.stream(), previous.stream())
        .filter(k -> k.keyId().equals(keyId))
        .findFirst();
  }

  public boolean isCurrent(String keyId) {
    return current.map(k -> k.keyId().equals(keyId)).orElse(false);
  }
}
