package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.build.BuildService;
import dev.slipway.deploy.config.CloneConfig;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.KnownSecrets;
import dev.slipway.deploy.service.CloneAppApplier.CloneApp;
import dev.slipway.deploy.service.CloneAppApplier.Result;
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
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Deploys a clone (ADR 0023): on EnvironmentCloned, every app spec of the source (with the clone's
 * overrides) is rendered, checked by the guard rails and applied, several apps at once ({@code
 * slipway.clone.parallelism}), each app all or nothing. Applied apps are recorded a batch at a
 * time, each batch in one transaction: per app its revision, DeployCompleted and
 * EnvironmentCloneProgressed. When every app is in, EnvironmentCloneCompleted (all applied) or
 * EnvironmentFailed (which failed, and why).
 *
 * <p>An app built from its repository (no image override) cannot be applied yet: it goes through
 * the build and the deploy pipeline as a DeployRequested of its own, and its DeployCompleted or
 * DeployFailed is counted when it arrives ({@link #deployCompleted}).
 *
 * <p>Only specs are copied: no data, no secret values (secret-service re-creates references on
 * EnvironmentCloned). Idempotent: the clone's rows are made once; an app's row going from PENDING
 * to APPLIED or FAILED is the claim its revision and events are recorded with; the clone's {@code
 * finished_at} is the claim of its final event. A redelivered EnvironmentCloned re-applies (a
 * no-op) only the apps still PENDING and records nothing twice.
 */
@ApplicationScoped
public class CloneDeployService {

  static final String CLONED = "deploy-service.environment-cloned";
  static final String PROGRESS = "deploy-service.clone-progress";
  static final String DELETED = "deploy-service.environment-deleted";

  private static final Logger LOG = Logger.getLogger(CloneDeployService.class);

  private final Inbox inbox;
  private final Outbox outbox;
  private final PlatformCatalog catalog;
  private final KnownSecrets knownSecrets;
  private final Planner planner;
  private final CloneAppApplier appApplier;
  private final DeployService deploys;
  private final BlockingCalls blocking;
  private final CloneConfig config;

  public CloneDeployService(
      Inbox inbox,
      Outbox outbox,
      PlatformCatalog catalog,
      KnownSecrets knownSecrets,
      Planner planner,
      CloneAppApplier appApplier,
      DeployService deploys,
      BlockingCalls blocking,
      CloneConfig config) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.catalog = catalog;
    this.knownSecrets = knownSecrets;
    this.planner = planner;
    this.appApplier = appApplier;
    this.deploys = deploys;
    this.blocking = blocking;
    this.config = config;
  }

  /** The app operation of one app of a clone: the same on every redelivery. */
  static UUID deployOperation(String cloneOperation, String app) {
    return UUID.nameUUIDFromBytes((cloneOperation + "/" + app).getBytes(StandardCharsets.UTF_8));
  }

  /** The clone's rows as made (or found, on a redelivery), and the apps left to apply. */
  private record Registered(int total, int applied, List<PendingApp> pending) {}

  private record PendingApp(String name, UUID deployOperation, ObjectNode spec) {}

  private record Work(int total, int applied, List<CloneApp> apps, CloneAppApplier.Shared shared) {}

  public Uni<Void> cloned(String eventId, EnvironmentCloned cloned) {
    // Where a clone's time goes, for the log: rows made, shared inputs read, apps applied.
    long[] at = new long[4];
    at[0] = System.nanoTime();
    UUID operation = UUID.fromString(cloned.operationId());
    return Panache.withSession(() -> inbox.seen(CLONED, eventId))
        .chain(
            seen ->
                seen
                    ? Uni.createFrom().voidItem()
                    : Panache.withTransaction(() -> register(cloned, operation))
                        .invoke(() -> at[1] = System.nanoTime())
                        .chain(registered -> inputs(cloned, registered))
                        .invoke(() -> at[2] = System.nanoTime())
                        .chain(work -> applyAll(eventId, cloned, work))
                        .invoke(() -> at[3] = System.nanoTime())
                        .chain(
                            () ->
                                Panache.withTransaction(
                                    () ->
                                        inbox
                                            .claim(CLONED, eventId)
                                            .chain(() -> finishIfDone(operation))))
                        .invoke(
                            () ->
                                LOG.infof(
                                    "operation=%s team=%s environment=%s clone's apps handled in"
                                        + " %d ms (rows %d, inputs %d, apply and record %d,"
                                        + " finish %d)",
                                    cloned.operationId(),
                                    cloned.team(),
                                    cloned.environment(),
                                    (System.nanoTime() - at[0]) / 1_000_000,
                                    (at[1] - at[0]) / 1_000_000,
                                    (at[2] - at[1]) / 1_000_000,
                                    (at[3] - at[2]) / 1_000_000,
                                    (System.nanoTime() - at[3]) / 1_000_000)));
  }

  /**
   * Makes the clone's rows once (the first delivery): one per app of the source, PENDING; apps
   * built from their repository are handed to the deploy pipeline here. Answers what is left.
   */
  private Uni<Registered> register(EnvironmentCloned cloned, UUID operation) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return query(
            "select name, spec from app where team = :team and environment = :env order by name",
            q -> q.setParameter("team", cloned.team()).setParameter("env", cloned.source()))
        .chain(
            sourceApps ->
                update(
                        "insert into environment_clone (operation_id, team, source, environment,"
                            + " total, created_at) values (:op, :team, :source, :env, :total,"
                            + " :now) on conflict (operation_id) do nothing",
                        q ->
                            q.setParameter("op", operation)
                                .setParameter("team", cloned.team())
                                .setParameter("source", cloned.source())
                                .setParameter("env", cloned.environment())
                                .setParameter("total", sourceApps.size())
                                .setParameter("now", now))
                    .chain(
                        inserted -> {
                          if (inserted == 0) {
                            return Uni.createFrom().voidItem();
                          }
                          LOG.infof(
                              "operation=%s team=%s environment=%s cloning %d apps of %s",
                              cloned.operationId(),
                              cloned.team(),
                              cloned.environment(),
                              sourceApps.size(),
                              cloned.source());
                          Uni<Void> rows = Uni.createFrom().voidItem();
                          for (Object[] app : sourceApps) {
                            rows = rows.chain(() -> addApp(cloned, operation, app, now));
                          }
                          return rows;
                        }))
        .chain(() -> pending(cloned, operation));
  }

  private Uni<Void> addApp(EnvironmentCloned cloned, UUID operation, Object[] row, Instant now) {
    String app = (String) row[0];
    UUID deployOperation = deployOperation(cloned.operationId(), app);
    Uni<Void> inserted =
        update(
                "insert into environment_clone_app (deploy_operation_id, operation_id, app, state)"
                    + " values (:deploy, :op, :app, 'PENDING')",
                q ->
                    q.setParameter("deploy", deployOperation)
                        .setParameter("op", operation)
                        .setParameter("app", app))
            .replaceWithVoid();
    ObjectNode spec = CloneOverrides.apply(parse((String) row[1]), cloned.overrides());
    if (!BuildService.fromSource(spec)) {
      return inserted;
    }
    return inserted.chain(
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
                        actor(cloned),
                        now))
                .replaceWithVoid());
  }

  /** The clone's apps still PENDING, with their source's spec as it is now plus the overrides. */
  private Uni<Registered> pending(EnvironmentCloned cloned, UUID operation) {
    return query(
            "select c.total, (select count(*) from environment_clone_app a where a.operation_id ="
                + " c.operation_id and a.state = 'APPLIED') from environment_clone c where"
                + " c.operation_id = :op",
            q -> q.setParameter("op", operation))
        .chain(
            counts ->
                query(
                        "select a.app, a.deploy_operation_id, s.spec from environment_clone_app a"
                            + " left join app s on s.team = :team and s.environment = :source and"
                            + " s.name = a.app where a.operation_id = :op and a.state = 'PENDING'"
                            + " order by a.app",
                        q ->
                            q.setParameter("team", cloned.team())
                                .setParameter("source", cloned.source())
                                .setParameter("op", operation))
                    .map(
                        rows -> {
                          List<PendingApp> pending = new ArrayList<>();
                          for (Object[] row : rows) {
                            ObjectNode spec =
                                row[2] == null
                                    ? null
                                    : CloneOverrides.apply(
                                        parse((String) row[2]), cloned.overrides());
                            if (spec != null && BuildService.fromSource(spec)) {
                              continue; // in the build pipeline: counted when its result comes
                            }
                            pending.add(new PendingApp((String) row[0], (UUID) row[1], spec));
                          }
                          Object[] c = counts.get(0);
                          return new Registered(
                              ((Number) c[0]).intValue(), ((Number) c[1]).intValue(), pending);
                        }));
  }

  /** What the apps share, read once: golden paths, guard rails, the clone's secrets and facts. */
  private Uni<Work> inputs(EnvironmentCloned cloned, Registered registered) {
    if (registered.pending().isEmpty()) {
      return Uni.createFrom()
          .item(new Work(registered.total(), registered.applied(), List.of(), null));
    }
    Map<String, GoldenPath> paths = new HashMap<>();
    return Panache.withSession(
            () -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (PendingApp app : registered.pending()) {
                if (app.spec() == null) {
                  continue;
                }
                String key = pathKey(app.spec());
                chain =
                    chain.chain(
                        () ->
                            paths.containsKey(key)
                                ? Uni.createFrom().voidItem()
                                : catalog
                                    .forSpec(app.spec())
                                    .onFailure(ProblemException.class)
                                    .recoverWithNull()
                                    .invoke(path -> paths.put(key, path))
                                    .replaceWithVoid());
              }
              return chain.chain(
                  () ->
                      catalog
                          .rules()
                          .chain(
                              rules ->
                                  knownSecrets
                                      .of(cloned.team(), cloned.environment())
                                      .map(secrets -> Map.entry(rules, secrets))));
            })
        .chain(
            rulesAndSecrets ->
                blocking
                    .call(
                        () ->
                            planner.facts(
                                new AppTarget(cloned.team(), cloned.environment(), "clone"),
                                cloned.kind() == null ? null : cloned.kind().wire()))
                    .map(
                        facts ->
                            new CloneAppApplier.Shared(
                                cloned.team(),
                                cloned.environment(),
                                rulesAndSecrets.getKey().rules(),
                                rulesAndSecrets.getValue(),
                                facts)))
        .map(
            shared ->
                new Work(
                    registered.total(),
                    registered.applied(),
                    registered.pending().stream()
                        .map(
                            p ->
                                new CloneApp(
                                    p.name(),
                                    p.deployOperation(),
                                    p.spec(),
                                    p.spec() == null ? null : paths.get(pathKey(p.spec()))))
                        .toList(),
                    shared));
  }

  private static String pathKey(ObjectNode spec) {
    return SpecResolver.pathName(spec) + "@" + SpecResolver.pathVersion(spec);
  }

  /**
   * Applies the apps, {@code parallelism} at a time on worker threads, and records them in batches
   * as they finish; results come back on this event's Vert.x context, where the sessions live.
   */
  private Uni<Void> applyAll(String eventId, EnvironmentCloned cloned, Work work) {
    if (work.apps().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int[] applied = {work.applied()};
    return Multi.createFrom()
        .iterable(work.apps())
        .onItem()
        .transformToUni(app -> blocking.call(() -> appApplier.apply(app, work.shared())))
        .merge(Math.max(1, config.parallelism()))
        .group()
        .intoLists()
        .of(Math.max(1, config.batchSize()))
        .onItem()
        .transformToUniAndConcatenate(
            batch ->
                Panache.withTransaction(
                    () -> {
                      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                      Uni<Void> chain = Uni.createFrom().voidItem();
                      for (Result result : batch) {
                        chain =
                            chain.chain(
                                () -> record(eventId, cloned, result, work.total(), applied, now));
                      }
                      return chain;
                    }))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** One app's result, once: the row's PENDING → APPLIED/FAILED is the claim. */
  private Uni<Void> record(
      String eventId,
      EnvironmentCloned cloned,
      Result result,
      int total,
      int[] applied,
      Instant now) {
    CloneApp app = result.app();
    if (result instanceof CloneAppApplier.Refused refused) {
      return update(
              "update environment_clone_app set state = 'FAILED', reason = :reason"
                  + " where deploy_operation_id = :id and state = 'PENDING'",
              q ->
                  q.setParameter("reason", refused.reason())
                      .setParameter("id", app.deployOperation()))
          .chain(
              claimed -> {
                if (claimed == 0) {
                  return Uni.createFrom().voidItem();
                }
                LOG.infof(
                    "operation=%s team=%s environment=%s app=%s not deployed into the clone: %s",
                    cloned.operationId(),
                    cloned.team(),
                    cloned.environment(),
                    app.name(),
                    refused.reason());
                return outbox
                    .append(
                        new DeployFailed(
                            app.deployOperation().toString(),
                            cloned.team(),
                            cloned.environment(),
                            app.name(),
                            refused.reason(),
                            refused.errors(),
                            now))
                    .replaceWithVoid();
              });
    }
    var done = (CloneAppApplier.Applied) result;
    var command =
        new DeployService.Command(
            eventId,
            app.deployOperation().toString(),
            cloned.team(),
            cloned.environment(),
            cloned.kind(),
            app.name(),
            actor(cloned));
    return update(
            "update environment_clone_app set state = 'APPLIED'"
                + " where deploy_operation_id = :id and state = 'PENDING'",
            q -> q.setParameter("id", app.deployOperation()))
        .chain(
            claimed -> {
              if (claimed == 0) {
                return Uni.createFrom().voidItem();
              }
              return deploys
                  .recordRevision(command, done.applied())
                  .chain(() -> App.find(cloned.team(), cloned.environment(), app.name()))
                  .chain(
                      row ->
                          update(
                                  "update environment_clone_app set revision = :revision"
                                      + " where deploy_operation_id = :id",
                                  q ->
                                      q.setParameter("revision", row.revision)
                                          .setParameter("id", app.deployOperation()))
                              .chain(
                                  () ->
                                      outbox.append(
                                          new EnvironmentCloneProgressed(
                                              cloned.operationId(),
                                              cloned.team(),
                                              cloned.environment(),
                                              app.name(),
                                              row.revision,
                                              ++applied[0],
                                              total,
                                              now))))
                  .replaceWithVoid();
            });
  }

  public Uni<Void> deployCompleted(String eventId, DeployCompleted done) {
    return progress(eventId, done.operationId(), done.revision(), null);
  }

  public Uni<Void> deployFailed(String eventId, DeployFailed failed) {
    return progress(eventId, failed.operationId(), null, failed.reason());
  }

  /**
   * Counts the result of an app that went through the deploy pipeline (built from source). Results
   * of apps this service applied itself, and of deploys that are not a clone's, change nothing.
   */
  private Uni<Void> progress(
      String eventId, String deployOperation, Integer revision, String reason) {
    UUID id = UUID.fromString(deployOperation);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return inbox.once(
        PROGRESS,
        eventId,
        () ->
            (reason == null
                    ? update(
                        "update environment_clone_app set state = 'APPLIED', revision = :revision"
                            + " where deploy_operation_id = :id and state = 'PENDING'",
                        q -> q.setParameter("revision", revision).setParameter("id", id))
                    : update(
                        "update environment_clone_app set state = 'FAILED', reason = :reason"
                            + " where deploy_operation_id = :id and state = 'PENDING'",
                        q -> q.setParameter("reason", reason).setParameter("id", id)))
                .chain(
                    claimed ->
                        claimed == 0
                            ? Uni.createFrom().voidItem()
                            : cloneOf(id)
                                .chain(
                                    clone ->
                                        clone == null
                                            ? Uni.createFrom().voidItem()
                                            : reportBuilt(clone, revision, now))));
  }

  private Uni<Object[]> cloneOf(UUID deployOperation) {
    return query(
            "select c.operation_id, c.team, c.environment, c.total, a.app,"
                + " (select count(*) from environment_clone_app x where x.operation_id ="
                + " c.operation_id and x.state = 'APPLIED') from environment_clone c join"
                + " environment_clone_app a on a.operation_id = c.operation_id"
                + " where a.deploy_operation_id = :id",
            q -> q.setParameter("id", deployOperation))
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private Uni<Void> reportBuilt(Object[] clone, Integer revision, Instant now) {
    UUID operation = (UUID) clone[0];
    Uni<Void> step = Uni.createFrom().voidItem();
    if (revision != null) {
      step =
          outbox
              .append(
                  new EnvironmentCloneProgressed(
                      operation.toString(),
                      (String) clone[1],
                      (String) clone[2],
                      (String) clone[4],
                      revision,
                      ((Number) clone[5]).intValue(),
                      ((Number) clone[3]).intValue(),
                      now))
              .replaceWithVoid();
    }
    return step.chain(() -> finishIfDone(operation));
  }

  /**
   * When every app of the clone is APPLIED or FAILED: EnvironmentCloneCompleted or
   * EnvironmentFailed, once ({@code finished_at} set from null is the claim).
   */
  private Uni<Void> finishIfDone(UUID operation) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return query(
            "select c.team, c.source, c.environment, c.total, a.app, a.state, a.reason from"
                + " environment_clone c left join environment_clone_app a on a.operation_id ="
                + " c.operation_id where c.operation_id = :op and c.finished_at is null"
                + " order by a.app",
            q -> q.setParameter("op", operation))
        .chain(
            rows -> {
              if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              Object[] first = rows.get(0);
              String team = (String) first[0];
              String source = (String) first[1];
              String environment = (String) first[2];
              int total = ((Number) first[3]).intValue();
              List<String> applied = new ArrayList<>();
              List<String> failed = new ArrayList<>();
              for (Object[] row : rows) {
                if ("APPLIED".equals(row[5])) {
                  applied.add((String) row[4]);
                } else if ("FAILED".equals(row[5])) {
                  failed.add(row[4] + ": " + row[6]);
                }
              }
              if (applied.size() + failed.size() < total) {
                return Uni.createFrom().voidItem();
              }
              return update(
                      "update environment_clone set finished_at = :now"
                          + " where operation_id = :op and finished_at is null",
                      q -> q.setParameter("now", now).setParameter("op", operation))
                  .chain(
                      claimed -> {
                        if (claimed == 0) {
                          return Uni.createFrom().voidItem();
                        }
                        LOG.infof(
                            "operation=%s team=%s environment=%s clone finished: %d applied, %d"
                                + " failed",
                            operation, team, environment, applied.size(), failed.size());
                        return outbox
                            .append(
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
                                        now))
                            .replaceWithVoid();
                      });
            });
  }

  private static Actor actor(EnvironmentCloned cloned) {
    return new Actor("slipway:deploy-service", "clone of " + cloned.team() + "/" + cloned.source());
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

  private static Uni<Void> execute(String sql, UnaryOperator<Mutiny.Query<Object>> parameters) {
    return update(sql, parameters).replaceWithVoid();
  }

  private static Uni<Integer> update(String sql, UnaryOperator<Mutiny.Query<Object>> parameters) {
    return Panache.getSession()
        .chain(s -> parameters.apply(s.<Object>createNativeQuery(sql)).executeUpdate());
  }

  private static Uni<List<Object[]>> query(
      String sql, UnaryOperator<Mutiny.SelectionQuery<Object[]>> parameters) {
    return Panache.getSession()
        .chain(s -> parameters.apply(s.createNativeQuery(sql, Object[].class)).getResultList());
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) EventJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored app spec is not JSON", e);
    }
  }
}
