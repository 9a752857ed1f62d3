package dev.slipway.audit.domain;

/** An audit record as stored: its place in the log and its links in the chain. */
public record StoredRecord(long seq, AuditEntry entry, String prevHash, String hash) {}
