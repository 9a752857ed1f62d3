package dev.slipway.audit.domain;

/**
 * The outcome of walking the chain: how many records and signed checkpoints were verified and, when
 * it is broken, the first record (or checkpoint) that does not match.
 */
public record ChainCheck(
    long verified, long checkpoints, boolean ok, Long brokenSeq, String reason) {

  public static ChainCheck intact(long verified, long checkpoints) {
    return new ChainCheck(verified, checkpoints, true, null, null);
  }

  public static ChainCheck broken(long verified, long checkpoints, long seq, String reason) {
    return new ChainCheck(verified, checkpoints, false, seq, reason);
  }

  /**
   * Checks one record against the hash of the record before it.
   *
   * @return null when the record is sound, else why not
   */
  public static String problemWith(StoredRecord record, String expectedPrevHash) {
    if (!expectedPrevHash.equals(record.prevHash())) {
      return "prev_hash does not match the previous record's hash (a record was removed or"
          + " reordered)";
    }
    if (!HashChain.hash(record.prevHash(), record.entry()).equals(record.hash())) {
      return "the record's content does not match its hash (it was changed)";
    }
    return null;
  }
}
