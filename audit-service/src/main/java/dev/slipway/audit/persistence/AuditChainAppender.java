package dev.slipway.audit.persistence;

import dev.slipway.audit.domain.AuditEntry;
import dev.slipway.audit.domain.HashChain;
import dev.slipway.audit.domain.PreparedEntry;
import dev.slipway.audit.domain.StoredRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends a batch of entries to the hash chain inside the caller's transaction, with one multi-row
 * insert.
 *
 * <p>A transaction-scoped advisory lock serializes appends across partitions, consumer threads and
 * replicas: while it is held, the event ids already stored and the last hash are read and the new
 * rows inserted with nobody in between, so the chain is linear, seq follows it, and an event
 * delivered again (in the same batch or a later one) is never appended twice. The lock is released
 * at commit or rollback.
 */
@ApplicationScoped
public class AuditChainAppender {

  /** Any constant shared by all replicas; distinct from the outbox relay's lock. */
  static final long CHAIN_LOCK = 0x5117_A0D1L;

  private static final String INSERT =
      "insert into audit_record (event_id, ce_type, source, subject, team, environment, app,"
          + " operation_id, actor, payload, occurred_at, recorded_at, prev_hash, hash)"
          + " select event_id, ce_type, source, subject, team, environment, app, operation_id,"
          + " actor, payload::jsonb, occurred_at, recorded_at, prev_hash, hash"
          + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
          + " $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[],"
          + " $12::timestamptz[], $13::text[], $14::text[]) with ordinality as r(event_id,"
          + " ce_type, source, subject, team, environment, app, operation_id, actor, payload,"
          + " occurred_at, recorded_at, prev_hash, hash, n)"
          // Identity values are drawn in the order rows arrive: seq follows the chain.
          + " order by n returning seq, event_id";

  /**
   * Appends the entries whose event id is not in the log yet, in list order, and answers them as
   * stored (seq and links). Call it on the connection of an open transaction.
   */
  public Uni<List<StoredRecord>> appendNew(SqlConnection connection, List<PreparedEntry> entries) {
    Map<String, PreparedEntry> byId = new LinkedHashMap<>();
    entries.forEach(e -> byId.putIfAbsent(e.entry().eventId(), e));
    return connection
        .preparedQuery("select count(*) from (select pg_advisory_xact_lock($1)) as l")
        .execute(Tuple.of(CHAIN_LOCK))
        .chain(
            locked ->
                connection
                    .preparedQuery("select event_id from audit_record where event_id = any($1)")
                    .execute(Tuple.of(byId.keySet().toArray(String[]::new))))
        .chain(
            stored -> {
              Set<String> known = new HashSet<>();
              stored.forEach(row -> known.add(row.getString(0)));
              List<PreparedEntry> fresh =
                  byId.values().stream().filter(e -> !known.contains(e.entry().eventId())).toList();
              if (fresh.isEmpty()) {
                return Uni.createFrom().item(List.<StoredRecord>of());
              }
              return lastHash(connection).chain(prev -> insert(connection, fresh, prev));
            });
  }

  private static Uni<String> lastHash(SqlConnection connection) {
    return connection
        .query("select hash from audit_record order by seq desc limit 1")
        .execute()
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? rows.iterator().next().getString(0)
                    : HashChain.GENESIS);
  }

  /**
   * Hashes the entries in chain order and inserts them with one statement. The canonical JSON was
   * written beforehand; the SHA-256 of a poll of thousands still takes milliseconds, so it runs on
   * a worker thread, not the event loop.
   */
  private static Uni<List<StoredRecord>> insert(
      SqlConnection connection, List<PreparedEntry> entries, String previous) {
    return Uni.createFrom()
        .item(() -> Rows.chained(entries, previous))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .chain(
            rows ->
                connection
                    .preparedQuery(INSERT)
                    .execute(rows.params())
                    .map(inserted -> stored(inserted, entries, rows.prevHashes(), rows.hashes())));
  }

  /** The insert's column arrays, hashes computed in order from {@code previous}. */
  private record Rows(Tuple params, String[] prevHashes, String[] hashes) {

    static Rows chained(List<PreparedEntry> entries, String previous) {
      int n = entries.size();
      String[][] text = new String[10][n];
      OffsetDateTime[] occurred = new OffsetDateTime[n];
      OffsetDateTime[] recorded = new OffsetDateTime[n];
      String[] prevHashes = new String[n];
      String[] hashes = new String[n];
      String prev = previous;
      for (int i = 0; i < n; i++) {
        PreparedEntry prepared = entries.get(i);
        AuditEntry e = prepared.entry();
        text[0][i] = e.eventId();
        text[1][i] = e.type();
        text[2][i] = e.source();
        text[3][i] = e.subject();
        text[4][i] = e.team();
        text[5][i] = e.environment();
        text[6][i] = e.app();
        text[7][i] = e.operationId();
        text[8][i] = e.actor();
        // As text, cast in SQL: a string bound straight to jsonb would be stored as a JSON string.
        text[9][i] = prepared.payloadJson();
        occurred[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
        recorded[i] = e.recordedAt().atOffset(ZoneOffset.UTC);
        prevHashes[i] = prev;
        hashes[i] = prepared.hashAfter(prev);
        prev = hashes[i];
      }
      Tuple params = Tuple.tuple();
      for (String[] column : text) {
        params.addArrayOfString(column);
      }
      params.addArrayOfOffsetDateTime(occurred);
      params.addArrayOfOffsetDateTime(recorded);
      params.addArrayOfString(prevHashes);
      params.addArrayOfString(hashes);
      return new Rows(params, prevHashes, hashes);
    }
  }

  private static List<StoredRecord> stored(
      RowSet<Row> rows, List<PreparedEntry> entries, String[] prevHashes, String[] hashes) {
    Map<String, Long> seqs = new HashMap<>();
    rows.forEach(row -> seqs.put(row.getString("event_id"), row.getLong("seq")));
    List<StoredRecord> stored = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry e = entries.get(i).entry();
      stored.add(new StoredRecord(seqs.get(e.eventId()), e, prevHashes[i], hashes[i]));
    }
    return stored;
  }
}
