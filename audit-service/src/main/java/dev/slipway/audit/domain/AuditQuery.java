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
    Instant since,
    Instant until,
    int limit,
    long afterSeq) {}
