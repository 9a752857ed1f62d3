package dev.slipway.deploy.kubernetes.client;

import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Keeps each restore the applier performs (all or none, ADR 0004) in {@code apply_restore}. A
 * restore that puts a pod template back is a Deployment generation that no revision explains (and
 * so was the change it undid): this table accounts for them, and the reliability suite's invariant
 * "generation = 1 + image changes of the revisions + generations left by restores" reads it.
 */
@ApplicationScoped
public class ApplyRestores implements ServerSideApplier.RestoreListener {

  private static final Duration WRITE = Duration.ofSeconds(10);

  private final Pool pool;

  public ApplyRestores(Pool pool) {
    this.pool = pool;
  }

  /** Runs on the applier's worker thread, after the restore and before the failure is reported. */
  @Override
  public void restored(ServerSideApplier.Restore restore) {
    pool.preparedQuery(
            "insert into apply_restore (namespace, kind, name, generation_before, generation_after)"
                + " values ($1, $2, $3, $4, $5)")
        .execute(
            Tuple.of(
                restore.namespace(),
                restore.kind(),
                restore.name(),
                restore.generationBefore(),
                restore.generationAfter()))
        .await()
        .atMost(WRITE);
  }
}
