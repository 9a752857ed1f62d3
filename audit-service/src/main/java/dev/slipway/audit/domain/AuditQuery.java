package dev.slipway.audit.domain;

import java.time.Instant;

/**
 * A search of the log: every filter is optional; records come in log order after {@code afterSeq}.
 */
public record AuditQuery(
    String operationId,
    String team,
    String environment,
    String app,
    String type,
    String actor,
    Instant since,
    Instant until,
    int limit,
    long afterSeq) {

  /** The same filters, from after {@code seq}. */
  public AuditQuery after(long seq) {
    return new AuditQuery(
        operationId, team, environment, app, type, actor, since, until, limit, seq);
  }
}
