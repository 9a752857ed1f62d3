package dev.slipway.audit.domain;

import java.time.Instant;

/**
 * A signed statement of the chain's head: at {@code seq} the last hash was {@code headHash} and the
 * chain held {@code count} records. Whoever keeps a copy (the {@code slipway.audit} topic, an ops
 * archive) can later show that the log was not rewritten up to there.
 */
public record Checkpoint(
    long seq,
    String headHash,
    long count,
    Instant at,
    String keyId,
    String algorithm,
    String signature) {

  /**
   * What is signed: a few lines of text, so that an ops team can rebuild it with a shell and check
   * the signature with openssl (audit-service/README.md).
   */
  public static String text(long seq, String headHash, long count, Instant at) {
    return "slipway-audit-checkpoint-v1\nseq="
        + seq
        + "\nhead="
        + headHash
        + "\ncount="
        + count
        + "\nat="
        + at
        + "\n";
  }

  public String text() {
    return text(seq, headHash, count, at);
  }
}
