package dev.slipway.audit.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Walks the chain record by record, in seq order, and checks every signed checkpoint on the way:
 * each link and content hash, and at each checkpoint's seq that the record there is the signed head
 * and the chain holds the signed count. A chain rewritten from some record on, with every hash
 * recomputed, passes the link check but not the checkpoints after that record; records removed from
 * the end leave a checkpoint beyond the end.
 */
public final class ChainVerifier {

  private final Deque<Checkpoint> pending;
  private final CheckpointKeyring keys;
  private final List<CheckpointSigner> signers = new ArrayList<>();
  private String expectedPrevHash = HashChain.GENESIS;
  private long verified;
  private long checkpointsVerified;
  private ChainCheck broken;

  /**
   * @param checkpoints in seq order
   * @param keys to check their signatures (the current key and those it replaced); without any,
   *     only heads and counts are compared
   */
  public ChainVerifier(List<Checkpoint> checkpoints, CheckpointKeyring keys) {
    this.pending = new ArrayDeque<>(checkpoints);
    this.keys = keys;
  }

  /**
   * Checks the next records; false once the chain is found broken (stop reading then).
   *
   * <p>Each record's hash depends only on its own stored prev_hash and content, so the hashes are
   * recomputed on every core at once; the links (each prev_hash against the record before) and the
   * checkpoints are then checked in order, so the first broken record is still the one named.
   */
  public boolean accept(List<StoredRecord> records) {
    String[] recomputed = new String[records.size()];
    IntStream.range(0, records.size())
        .parallel()
        .forEach(
            i -> {
              StoredRecord r = records.get(i);
              recomputed[i] = HashChain.hash(r.prevHash(), r.entry());
            });
    for (int i = 0; i < records.size(); i++) {
      if (broken != null) {
        return false;
      }
      accept(records.get(i), recomputed[i]);
    }
    return broken == null;
  }

  private void accept(StoredRecord record, String recomputedHash) {
    Checkpoint skipped = pending.peek();
    if (skipped != null && skipped.seq() < record.seq()) {
      broken = brokenAt(skipped.seq(), checkpointProblem(skipped, "its record is missing"));
      return;
    }
    String problem = ChainCheck.problemWith(record, expectedPrevHash, recomputedHash);
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
      signedBy(checkpoint);
    }
  }

  /** Extends the current signer's run, or starts a new one after a rotation. */
  private void signedBy(Checkpoint checkpoint) {
    if (keys.isEmpty()) {
      return;
    }
    int last = signers.size() - 1;
    if (last >= 0 && signers.get(last).keyId().equals(checkpoint.keyId())) {
      signers.set(last, signers.get(last).plus(checkpoint.seq()));
    } else {
      signers.add(
          new CheckpointSigner(
              checkpoint.keyId(),
              keys.isCurrent(checkpoint.keyId()),
              1,
              checkpoint.seq(),
              checkpoint.seq()));
    }
  }

  private String mismatch(Checkpoint checkpoint, StoredRecord record) {
    if (!keys.isEmpty()) {
      Optional<CheckpointPublicKey> signer = keys.find(checkpoint.keyId());
      if (signer.isEmpty()) {
        return "it was signed with key "
            + checkpoint.keyId()
            + ", which is neither the current key nor a previous one"
            + " (slipway.audit.checkpoint.previous-public-keys)";
      }
      if (!signer.get().verifies(checkpoint.text(), checkpoint.signature())) {
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
    return ChainCheck.intact(verified, checkpointsVerified, signers);
  }

  private ChainCheck brokenAt(long seq, String reason) {
    return ChainCheck.broken(verified, checkpointsVerified, seq, reason, signers);
  }

  private static String checkpointProblem(Checkpoint checkpoint, String why) {
    return "signed checkpoint at seq " + checkpoint.seq() + ": " + why;
  }
}
