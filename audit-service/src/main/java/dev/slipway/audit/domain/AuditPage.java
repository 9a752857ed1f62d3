package dev.slipway.audit.domain;

import java.util.List;

/** One page of records; {@code nextSeq} is where the next page starts, null on the last page. */
public record AuditPage(List<StoredRecord> records, Long nextSeq) {

  public static AuditPage empty() {
    return new AuditPage(List.of(), null);
  }
}
