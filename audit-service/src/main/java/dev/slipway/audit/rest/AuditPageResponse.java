package dev.slipway.audit.rest;

import dev.slipway.audit.domain.AuditPage;
import java.util.List;

/** A page of the search; pass {@code nextCursor} as {@code cursor} for the next one. */
public record AuditPageResponse(List<AuditItem> items, String nextCursor) {

  static AuditPageResponse of(AuditPage page) {
    return new AuditPageResponse(
        page.records().stream().map(AuditItem::of).toList(),
        page.nextSeq() == null ? null : Cursor.encode(page.nextSeq()));
  }
}
