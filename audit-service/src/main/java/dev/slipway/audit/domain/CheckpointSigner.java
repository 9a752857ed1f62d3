package dev.slipway.audit.domain;

/**
 * Which key signed a run of consecutive checkpoints: verify lists one per run in seq order, so
 * every checkpoint's signer is named without listing each checkpoint.
 *
 * @param current whether it is the current signing key (else a previous one, from before a
 *     rotation)
 */
public record CheckpointSigner(
    String keyId, boolean current, long checkpoints, long firstSeq, long lastSeq) {

  CheckpointSigner plus(long seq) {
    return new CheckpointSigner(keyId, current, checkpoints + 1, firstSeq, seq);
  }
}
