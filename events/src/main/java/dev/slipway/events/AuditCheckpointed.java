package dev.slipway.events;

import java.time.Instant;

/**
 * A signed checkpoint of the audit log: the chain's head at {@code seq} (its hash, and how many
 * records the chain held up to it), signed with audit-service's checkpoint key. A subscriber who
 * keeps these can later prove that the log was not rewritten: the head hash at {@code seq} must
 * still be {@code headHash}. {@code signature} is over the text {@code
 * "slipway-audit-checkpoint-v1\nseq=<seq>\nhead=<headHash>\ncount=<count>\nat=<at>\n"}; the public
 * key is served at {@code GET /api/v1/audit/checkpoints/public-key}. {@code team} is always empty:
 * a checkpoint covers every team's records.
 */
public record AuditCheckpointed(
    long seq,
    String headHash,
    long count,
    String team,
    Instant at,
    String keyId,
    String algorithm,
    String signature)
    implements SlipwayEvent {

  /** The whole log's, no team's. */
  public static final String NO_TEAM = "";

  /** On the audit log's one partition, after the records it covers. */
  @Override
  public String aggregateId() {
    return AuditRecorded.KEY;
  }
}
