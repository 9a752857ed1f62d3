package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Actor;
import dev.slipway.events.DeployCompleted;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.EnvironmentCloneCompleted;
import dev.slipway.events.EnvironmentCloneProgressed;
import dev.slipway.events.EnvironmentCloned;
import dev.slipway.events.EnvironmentDeleted;
import dev.slipway.events.EnvironmentFailed;
import dev.slipway.events.EventJson;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Deploys a clone: on EnvironmentCloned, every app spec of the source (with the clone's overrides)
 * becomes a DeployRequested of its own, so the one deploy pipeline (golden path, guard rails,
 * apply, revision) handles it exactly like a client's deploy. Each DeployCompleted or DeployFailed
 * of those is counted: EnvironmentCloneProgressed per app, and when all are in,
 * EnvironmentCloneCompleted (all applied) or EnvironmentFailed (which failed, and why).
 *
 * <p>Only specs are copied: no data, no secret values (secret-service re-creates references on
 * EnvironmentCloned). Every step commits with its processed-event claim, so redeliveries neither
 * deploy twice nor count twice.
 */
@ApplicationScoped
public class CloneDeployService {

  static final String CLONED = "deploy-service.environment-cloned";
  static final String PROGRESS = "deploy-service.clone-progress";
  static final String DELETED = "deploy-service.environment-deleted";

  private static final Logger LOG = Logger.getLogger(CloneDeployService.class);

  private final Inbox inbox;
  private final Outbox outbox;

  public CloneDeployService(Inbox inbox, Outbox outbox) {
    this.inbox = inbox;
    this.outbox = outbox;
  }

  /** The app operation of one app of a clone: the same on every redelivery. */
  static UUID deployOperation(String cloneOperation, String app) {
    return UUID.nameUUIDFromBytes((cloneOperation + "/" + app).getBytes(StandardCharsets.UTF_8));
  }

  public Uni<Void> cloned(String eventId, EnvironmentCloned cloned) {
    return inbox.once(
        CLONED,
        eventId,
        () ->
            Panache.getSession()
                .chain(session -> sourceApps(session, cloned))
                .chain(apps -> start(cloned, apps)));
  }

  private Uni<List<Object[]>> sourceApps(Mutiny.Session session, EnvironmentCloned cloned) {
    return session
        .createNativeQuery(
            "select name, spec from app where team = :team and environment = :env order by name",
            Object[].class)
        .setParameter("team", cloned.team())
        .setParameter("env", cloned.source())
        .getResultList();
  }

  private Uni<Void> start(EnvironmentCloned cloned, List<Object[]> apps) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    LOG.infof(
        "operation=%s team=%s environment=%s cloning %d apps of %s",
        cloned.operationId(), cloned.team(), cloned.environment(), apps.size(), cloned.source());
    Uni<Void> chain =
        execute(
            "insert into environment_clone (operation_id, team, source, environment, total,"
                + " created_at) values (:op, :team, :source, :env, :total, :now)",
            q ->
                q.setParameter("op", UUID.fromString(cloned.operationId()))
                    .setParameter("team", cloned.team())
                    .setParameter("source", cloned.source())
                    .setParameter("env", cloned.environment())
                    .setParameter("total", apps.size())
                    .setParameter("now", now));
    if (apps.isEmpty()) {
      return chain
          .chain(
              () ->
                  execute(
                      "update environment_clone set finished_at = :now where operation_id = :op",
                      q ->
                          q.setParameter("now", now)
                              .setParameter("op", UUID.fromString(cloned.operationId()))))
          .chain(
              () ->
                  outbox
                      .append(
                          new EnvironmentCloneCompleted(
                              cloned.operationId(),
                              cloned.team(),
                              cloned.source(),
                              cloned.environment(),
                              List.of(),
                              now))
                      .replaceWithVoid());
    }
    for (Object[] row : apps) {
      String app = (String) row[0];
      ObjectNode spec = CloneOverrides.apply(parse((String) row[1]), cloned.overrides());
      UUID deployOperation = deployOperation(cloned.operationId(), app);
      chain =
          chain
              .chain(
                  () ->
                      execute(
                          "insert into environment_clone_app (deploy_operation_id, operation_id,"
                              + " app, state) values (:deploy, :op, :app, 'PENDING')",
                          q ->
                              q.setParameter("deploy", deployOperation)
                                  .setParameter("op", UUID.fromString(cloned.operationId()))
                                  .setParameter("app", app)))
              .chain(
                  () ->
                      outbox
                          .append(
                              new DeployRequested(
                                  deployOperation.toString(),
                                  cloned.team(),
                                  cloned.environment(),
                                  cloned.kind(),
                                  app,
                                  spec,
                                  new Actor(
                                      "slipway:deploy-service",
                                      "clone of " + cloned.team() + "/" + cloned.source()),
                                  now))
                          .replaceWithVoid());
    }
    return chain;
  }

  public Uni<Void> deployCompleted(String eventId, DeployCompleted done) {
    return progress(eventId, done.operationId(), done.revision(), null);
  }

  public Uni<Void> deployFailed(String eventId, DeployFailed failed) {
    return progress(eventId, failed.operationId(), null, failed.reason());
  }

  /** Counts one app's outcome if it belongs to a clone; other deploys pass by untouched. */
  private Uni<Void> progress(
      String eventId, String deployOperation, Integer revision, String reason) {
    UUID id = UUID.fromString(deployOperation);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return inbox.once(
        PROGRESS,
        eventId,
        () ->
            (reason == null
                    ? execute(
                        "update environment_clone_app set state = 'APPLIED', revision = :revision"
                            + " where deploy_operation_id = :id and state = 'PENDING'",
                        q -> q.setParameter("revision", revision).setParameter("id", id))
                    : execute(
                        "update environment_clone_app set state = 'FAILED', reason = :reason"
                            + " where deploy_operation_id = :id and state = 'PENDING'",
                        q -> q.setParameter("reason", reason).setParameter("id", id)))
                .chain(() -> cloneOf(id))
                .chain(
                    clone -> clone == null ? Uni.createFrom().voidItem() : report(clone, id, now)));
  }

  private Uni<Object[]> cloneOf(UUID deployOperation) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select c.operation_id, c.team, c.source, c.environment, c.total,"
                            + " c.finished_at from environment_clone c join environment_clone_app a"
                            + " on a.operation_id = c.operation_id where a.deploy_operation_id = :id",
                        Object[].class)
                    .setParameter("id", deployOperation)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private Uni<Void> report(Object[] clone, UUID deployOperation, Instant now) {
    UUID operation = (UUID) clone[0];
    String team = (String) clone[1];
    String source = (String) clone[2];
    String environment = (String) clone[3];
    int total = ((Number) clone[4]).intValue();
    if (clone[5] != null) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select app, state, revision, reason, deploy_operation_id from"
                            + " environment_clone_app where operation_id = :op order by app",
                        Object[].class)
                    .setParameter("op", operation)
                    .getResultList())
        .chain(
            apps -> {
              List<String> applied = new ArrayList<>();
              List<String> failed = new ArrayList<>();
              String app = null;
              int revision = 0;
              for (Object[] a : apps) {
                if ("APPLIED".equals(a[1])) {
                  applied.add((String) a[0]);
                } else if ("FAILED".equals(a[1])) {
                  failed.add(a[0] + ": " + a[3]);
                }
                if (deployOperation.equals(a[4])) {
                  app = (String) a[0];
                  revision = a[2] == null ? 0 : ((Number) a[2]).intValue();
                }
              }
              Uni<Void> step = Uni.createFrom().voidItem();
              if (revision > 0) {
                String progressed = app;
                int rev = revision;
                step =
                    outbox
                        .append(
                            new EnvironmentCloneProgressed(
                                operation.toString(),
                                team,
                                environment,
                                progressed,
                                rev,
                                applied.size(),
                                total,
                                now))
                        .replaceWithVoid();
              }
              if (applied.size() + failed.size() < total) {
                return step;
              }
              LOG.infof(
                  "operation=%s team=%s environment=%s clone finished: %d applied, %d failed",
                  operation, team, environment, applied.size(), failed.size());
              return step.chain(
                      () ->
                          execute(
                              "update environment_clone set finished_at = :now where operation_id = :op",
                              q -> q.setParameter("now", now).setParameter("op", operation)))
                  .chain(
                      () ->
                          outbox.append(
                              failed.isEmpty()
                                  ? new EnvironmentCloneCompleted(
                                      operation.toString(),
                                      team,
                                      source,
                                      environment,
                                      List.copyOf(applied),
                                      now)
                                  : new EnvironmentFailed(
                                      operation.toString(),
                                      team,
                                      environment,
                                      failed.size()
                                          + " of "
                                          + total
                                          + " apps could not be deployed into the clone: "
                                          + String.join("; ", failed),
                                      now)))
                  .replaceWithVoid();
            });
  }

  /** Drops every row of an environment that is gone: its apps, revisions and clone records. */
  public Uni<Void> environmentDeleted(String eventId, EnvironmentDeleted deleted) {
    return inbox.once(
        DELETED,
        eventId,
        () ->
            execute(
                    "delete from revision where app_id in"
                        + " (select id from app where team = :team and environment = :env)",
                    q ->
                        q.setParameter("team", deleted.team())
                            .setParameter("env", deleted.environment()))
                .chain(
                    () ->
                        execute(
                            "delete from app where team = :team and environment = :env",
                            q ->
                                q.setParameter("team", deleted.team())
                                    .setParameter("env", deleted.environment())))
                .chain(
                    () ->
                        execute(
                            "delete from known_secret where team = :team and environment = :env",
                            q ->
                                q.setParameter("team", deleted.team())
                                    .setParameter("env", deleted.environment())))
                .chain(
                    () ->
                        execute(
                            "delete from environment_clone where team = :team and environment = :env",
                            q ->
                                q.setParameter("team", deleted.team())
                                    .setParameter("env", deleted.environment())))
                .invoke(
                    () ->
                        LOG.infof(
                            "operation=%s team=%s environment=%s rows of the deleted environment dropped",
                            deleted.operationId(), deleted.team(), deleted.environment())));
  }

  private static Uni<Void> execute(
      String sql, java.util.function.UnaryOperator<Mutiny.Query<Object>> parameters) {
    return Panache.getSession()
        .chain(s -> parameters.apply(s.<Object>createNativeQuery(sql)).executeUpdate())
        .replaceWithVoid();
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) EventJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored app spec is not JSON", e);
    }
  }
}
