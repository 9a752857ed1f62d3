package dev.slipway.audit.rest;

import dev.slipway.audit.domain.Checkpoint;
import java.time.Instant;

/** A signed checkpoint as the API shows it, with the exact text that was signed. */
public record CheckpointItem(
    long seq,
    String headHash,
    long count,
    Instant at,
    String keyId,
    String algorithm,
    String signature,
    String signedText) {

  static CheckpointItem of(Checkpoint c) {
    return new CheckpointItem(
        c.seq(),
        c.headHash(),
        c.count(),
        c.at(),
        c.keyId(),
        c.algorithm(),
        c.signature(),
        c.text());
  }
}
