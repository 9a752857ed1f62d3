package dev.slipway.deploy.service;

import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.Revision;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRolloutProgressed;
import dev.slipway.events.SecretRestoreRequested;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Records rollout status on the app; called from the watch's thread (blocking is fine there). A
 * change of state is announced (DeployRolloutProgressed, for the operation that applied the
 * revision) in the same transaction, so a restart, which re-reads every Deployment, announces
 * nothing twice. When the failed revision was applied for a new secret version, secret-service is
 * asked once to restore the previous version, and the revision's operation fails.
 */
@ApplicationScoped
public class RolloutStatuses {

  private static final Logger LOG = Logger.getLogger(RolloutStatuses.class);

  private final Outbox outbox;

  public RolloutStatuses(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Records the status; true when it changed what the app shows. */
  public boolean record(String team, String environment, String name, RolloutStatus status)
      throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    // Locked: a deploy's commit and this write see each other, not a stale row.
                    App.<App>find(
                            "team = ?1 and environment = ?2 and name = ?3", team, environment, name)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .chain(
                            app -> {
                              if (app == null
                                  || (status.state().equals(app.status)
                                      && status.detail().equals(app.statusDetail))) {
                                return Uni.createFrom().item(false);
                              }
                              boolean moved = !status.state().equals(app.status);
                              app.status = status.state();
                              app.statusDetail = status.detail();
                              app.updatedAt = Instant.now();
                              return (moved ? announce(app, status) : Uni.createFrom().voidItem())
                                  .replaceWith(true);
                            })));
  }

  private Uni<Void> announce(App app, RolloutStatus status) {
    return Revision.of(app.id, app.revision)
        .chain(
            revision -> {
              if (revision == null) {
                return Uni.createFrom().voidItem();
              }
              Instant now = Instant.now();
              Uni<Void> chain =
                  outbox
                      .append(
                          new DeployRolloutProgressed(
                              revision.operationId.toString(),
                              app.team,
                              app.environment,
                              app.name,
                              revision.number,
                              status.state(),
                              status.detail(),
                              now))
                      .replaceWithVoid();
              if (AppStatus.FAILED.equals(status.state())
                  && revision.secretName != null
                  && !revision.restoreRequested) {
                revision.restoreRequested = true;
                chain = chain.chain(() -> secretRolloutFailed(app, revision, status, now));
              }
              return chain;
            });
  }

  /**
   * A rollout for a new secret version failed: the pods that run do not start with it. Restoring
   * the previous version rolls them back to values that worked; a failed restore is not restored
   * again (it would loop), it is reported.
   */
  private Uni<Void> secretRolloutFailed(
      App app, Revision revision, RolloutStatus status, Instant now) {
    boolean restorable =
        !"restore".equals(revision.secretTrigger)
            && revision.secretVersion != null
            && revision.secretVersion > 1;
    LOG.warnf(
        "operation=%s team=%s env=%s app=%s rollout of secret %s version %d failed%s: %s",
        revision.operationId,
        app.team,
        app.environment,
        app.name,
        revision.secretName,
        revision.secretVersion,
        restorable ? ", asking for the previous version" : "",
        status.detail());
    String reason =
        "the rollout of secret "
            + revision.secretName
            + " version "
            + revision.secretVersion
            + " failed ("
            + status.detail()
            + ")"
            + (restorable ? "; the previous version is being restored" : "");
    Uni<Void> failed =
        outbox
            .append(
                new DeployFailed(
                    revision.operationId.toString(),
                    app.team,
                    app.environment,
                    app.name,
                    reason,
                    List.of(),
                    now))
            .replaceWithVoid();
    if (!restorable) {
      return failed;
    }
    return failed.chain(
        () ->
            outbox
                .append(
                    new SecretRestoreRequested(
                        app.team,
                        app.environment,
                        revision.secretName,
                        revision.secretVersion,
                        app.name,
                        status.detail(),
                        now))
                .replaceWithVoid());
  }
}
