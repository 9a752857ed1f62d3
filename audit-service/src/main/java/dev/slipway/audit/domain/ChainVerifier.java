package dev.slipway.audit.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Walks the chain record by record, in seq order, and checks every signed checkpoint on the way:
 * each link and content hash, and at each checkpoint's seq that the record there is the signed head
 * and the chain holds the signed count. A chain rewritten from some record on, with every hash
 * recomputed, passes the link check but not the checkpoints after that record; records removed from
 * the end leave a checkpoint beyond the end.
 */
public final class ChainVerifier {

  private final Deque<Checkpoint> pending;
  private final Optional<CheckpointKey> key;
  private String expectedPrevHash = HashChain.GENESIS;
  private long verified;
  private long checkpointsVerified;
  private ChainCheck broken;

  /**
   * @param checkpoints in seq order
   * @param key to check their signatures; without one only heads and counts are compared
   */
  public ChainVerifier(List<Checkpoint> checkpoints, Optional<CheckpointKey> key) {
    this.pending = new ArrayDeque<>(checkpoints);
    this.key = key;
  }

  /** Checks the next records; false once the chain is found broken (stop reading then). */
  public boolean accept(List<StoredRecord> records) {
    for (StoredRecord record : records) {
      if (broken != null) {
        return false;
      }
      accept(record);
    }
    return broken == null;
  }

  private void accept(StoredRecord record) {
    Checkpoint skipped = pending.peek();
    if (skipped != null && skipped.seq() < record.seq()) {
      broken = brokenAt(skipped.seq(), checkpointProblem(skipped, "its record is missing"));
      return;
    }
    String problem = ChainCheck.problemWith(record, expectedPrevHash);
    if (problem != null) {
      broken = brokenAt(record.seq(), problem);
      return;
    }
    expectedPrevHash = record.hash();
    verified++;
    Checkpoint checkpoint = pending.peek();
    if (checkpoint != null && checkpoint.seq() == record.seq()) {
      pending.poll();
      String mismatch = mismatch(checkpoint, record);
      if (mismatch != null) {
        broken = brokenAt(record.seq(), checkpointProblem(checkpoint, mismatch));
        return;
      }
      checkpointsVerified++;
    }
  }

  private String mismatch(Checkpoint checkpoint, StoredRecord record) {
    if (key.isPresent()) {
      if (!key.get().keyId().equals(checkpoint.keyId())) {
        return "it was signed with key " + checkpoint.keyId() + ", not " + key.get().keyId();
      }
      if (!key.get().verifies(checkpoint.text(), checkpoint.signature())) {
        return "its signature does not verify (the checkpoint was altered)";
      }
    }
    if (!checkpoint.headHash().equals(record.hash())) {
      return "the record's hash is not the signed head hash (the chain was rewritten)";
    }
    if (checkpoint.count() != verified) {
      return "the chain holds "
          + verified
          + " records there, the checkpoint signed "
          + checkpoint.count();
    }
    return null;
  }

  /** The outcome once every record was read. */
  public ChainCheck finish() {
    if (broken != null) {
      return broken;
    }
    Checkpoint beyond = pending.peek();
    if (beyond != null) {
      return brokenAt(
          beyond.seq(),
          checkpointProblem(beyond, "it is beyond the last record (records were removed)"));
    }
    return ChainCheck.intact(verified, checkpointsVerified);
  }

  private ChainCheck brokenAt(long seq, String reason) {
    return ChainCheck.broken(verified, checkpointsVerified, seq, reason);
  }

  private static String checkpointProblem(Checkpoint checkpoint, String why) {
    return "signed checkpoint at seq " + checkpoint.seq() + ": " + why;
  }
}
