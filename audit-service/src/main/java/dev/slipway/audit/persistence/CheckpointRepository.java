package dev.slipway.audit.persistence;

import dev.slipway.audit.domain.Checkpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The signed checkpoints, append-only like the log. */
@ApplicationScoped
public class CheckpointRepository {

  private static final String COLUMNS =
      "seq, head_hash, record_count, at, key_id, algorithm, signature";

  private final Pool pool;

  public CheckpointRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Optional<Checkpoint>> latest(SqlClient client) {
    return client
        .query("select " + COLUMNS + " from audit_checkpoint order by seq desc limit 1")
        .execute()
        .map(rows -> checkpoints(rows).stream().findFirst());
  }

  public Uni<Void> insert(SqlClient client, Checkpoint c) {
    return client
        .preparedQuery(
            "insert into audit_checkpoint (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(
            Tuple.tuple(
                List.of(
                    c.seq(),
                    c.headHash(),
                    c.count(),
                    c.at().atOffset(ZoneOffset.UTC),
                    c.keyId(),
                    c.algorithm(),
                    c.signature())))
        .replaceWithVoid();
  }

  /** Newest first, those before {@code beforeSeq} (0: from the newest). */
  public Uni<List<Checkpoint>> page(long beforeSeq, int limit) {
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from audit_checkpoint where ($1 = 0 or seq < $1) order by seq desc limit $2")
        .execute(Tuple.of(beforeSeq, limit))
        .map(CheckpointRepository::checkpoints);
  }

  /** Every checkpoint in chain order: verify checks them all. */
  public Uni<List<Checkpoint>> all() {
    return pool.query("select " + COLUMNS + " from audit_checkpoint order by seq")
        .execute()
        .map(CheckpointRepository::checkpoints);
  }

  private static List<Checkpoint> checkpoints(Iterable<Row> rows) {
    List<Checkpoint> found = new ArrayList<>();
    for (Row row : rows) {
      found.add(
          new Checkpoint(
              row.getLong("seq"),
              row.getString("head_hash"),
              row.getLong("record_count"),
              row.getOffsetDateTime("at").toInstant(),
              row.getString("key_id"),
              row.getString("algorithm"),
              row.getString("signature")));
    }
    return found;
  }
}
