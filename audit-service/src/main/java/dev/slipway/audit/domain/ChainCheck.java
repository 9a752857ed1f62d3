package dev.slipway.audit.domain;

import java.util.List;

/**
 * The outcome of walking the chain: how many records and signed checkpoints were verified, which
 * keys signed the verified checkpoints and, when it is broken, the first record (or checkpoint)
 * that does not match.
 */
public record ChainCheck(
    long verified,
    long checkpoints,
    boolean ok,
    Long brokenSeq,
    String reason,
    List<CheckpointSigner> signedBy) {

  public static ChainCheck intact(
      long verified, long checkpoints, List<CheckpointSigner> signedBy) {
    return new ChainCheck(verified, checkpoints, true, null, null, List.copyOf(signedBy));
  }

  public static ChainCheck broken(
      long verified, long checkpoints, long seq, String reason, List<CheckpointSigner> signedBy) {
    return new ChainCheck(verified, checkpoints, false, seq, reason, List.copyOf(signedBy));
  }

  /**
   * Checks one record against the hash of the record before it.
   *
   * @return null when the record is sound, else why not
   */
  public static String problemWith(StoredRecord record, String expectedPrevHash) {
    return problemWith(record, expectedPrevHash, HashChain.hash(record.prevHash(), record.entry()));
  }

  /**
   * @param recomputedHash the hash of the record's stored prev_hash and content, computed anew
   */
  static String problemWith(StoredRecord record, String expectedPrevHash, String recomputedHash) {
    if (!expectedPrevHash.equals(record.prevHash())) {
      return "prev_hash does not match the previous record's hash (a record was removed or"
          + " reordered)";
    }
    if (!recomputedHash.equals(record.hash())) {
      return "the record's content does not match its hash (it was changed)";
    }
    return null;
  }
}
