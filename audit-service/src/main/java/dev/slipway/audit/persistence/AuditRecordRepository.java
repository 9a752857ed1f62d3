package dev.slipway.audit.persistence;

import dev.slipway.audit.domain.AuditEntry;
import dev.slipway.audit.domain.AuditQuery;
import dev.slipway.audit.domain.Payloads;
import dev.slipway.audit.domain.StoredRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the log with the reactive SQL client: the table is never updated, so an entity lifecycle
 * adds nothing, while typed rows and keyset pages keep the search and the chain walk cheap.
 */
@ApplicationScoped
public class AuditRecordRepository {

  private static final String COLUMNS =
      "seq, event_id, ce_type, source, subject, team, environment, app, operation_id, actor,"
          + " payload::text as payload, occurred_at, recorded_at, prev_hash, hash";

  private final Pool pool;

  public AuditRecordRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records matching the query, in log order, at most {@code limit + 1} so the caller knows whether
   * another page follows.
   *
   * @param teams the teams the caller may see; null for all
   */
  public Uni<List<StoredRecord>> search(AuditQuery query, Set<String> teams) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    where.add("seq > $" + add(params, query.afterSeq()));
    if (teams != null) {
      where.add("team = any($" + add(params, teams.toArray(String[]::new)) + ")");
    }
    equal(where, params, "operation_id", query.operationId());
    equal(where, params, "team", query.team());
    equal(where, params, "environment", query.environment());
    equal(where, params, "app", query.app());
    equal(where, params, "ce_type", query.type());
    equal(where, params, "actor", query.actor());
    if (query.since() != null) {
      where.add("occurred_at >= $" + add(params, query.since().atOffset(ZoneOffset.UTC)));
    }
    if (query.until() != null) {
      where.add("occurred_at < $" + add(params, query.until().atOffset(ZoneOffset.UTC)));
    }
    String sql =
        "select "
            + COLUMNS
            + " from audit_record where "
            + String.join(" and ", where)
            + " order by seq limit $"
            + add(params, query.limit() + 1);
    return pool.preparedQuery(sql).execute(params).map(AuditRecordRepository::records);
  }

  /**
   * The next records of the chain after {@code afterSeq}, in chain order. Parsing thousands of
   * payloads is CPU work: done off the event loop, on every core.
   */
  public Uni<List<StoredRecord>> chainAfter(long afterSeq, int batch) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from audit_record where seq > $1 order by seq limit $2")
        .execute(Tuple.of(afterSeq, batch))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(AuditRecordRepository::recordsInParallel);
  }

  /** The newest record's seq, 0 for an empty log: where a live stream starts. */
  public Uni<Long> maxSeq() {
    return pool.query("select coalesce(max(seq), 0) from audit_record")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static void equal(List<String> where, Tuple params, String column, String value) {
    if (value != null && !value.isBlank()) {
      where.add(column + " = $" + add(params, value));
    }
  }

  private static int add(Tuple params, Object value) {
    params.addValue(value);
    return params.size();
  }

  private static List<StoredRecord> records(Iterable<Row> rows) {
    List<StoredRecord> records = new ArrayList<>();
    for (Row row : rows) {
      records.add(record(row));
    }
    return records;
  }

  private static List<StoredRecord> recordsInParallel(Iterable<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    return list.parallelStream().map(AuditRecordRepository::record).toList();
  }

  private static StoredRecord record(Row row) {
    var entry =
        new AuditEntry(
            row.getString("event_id"),
            row.getString("ce_type"),
            row.getString("source"),
            row.getString("subject"),
            row.getString("team"),
            row.getString("environment"),
            row.getString("app"),
            row.getString("operation_id"),
            row.getString("actor"),
            Payloads.parse(row.getString("payload")),
            row.getOffsetDateTime("occurred_at").toInstant(),
            row.getOffsetDateTime("recorded_at").toInstant());
    return new StoredRecord(
        row.getLong("seq"), entry, row.getString("prev_hash"), row.getString("hash"));
  }
}
