package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.events.EnvironmentCloneRequested;
import dev.slipway.events.EnvironmentCloned;
import dev.slipway.events.EnvironmentFailed;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Makes a clone's namespace from an EnvironmentCloneRequested, once per event: the same objects as
 * a new environment of the clone's kind, with the source's quota. Then EnvironmentCloned hands over
 * to deploy-service (the apps) and secret-service (secret references); the operation goes on. Same
 * order of work as {@link CreateEnvironmentService}: idempotent apply, then one transaction.
 */
@ApplicationScoped
public class CloneEnvironmentService {

  public static final String CONSUMER = "environment-service.clone";

  private static final Logger LOG = Logger.getLogger(CloneEnvironmentService.class);

  private final EnvironmentStore store;
  private final EnvironmentCluster cluster;
  private final Inbox inbox;
  private final Outbox outbox;
  private final BlockingCalls blocking;
  private final Clock clock;

  public CloneEnvironmentService(
      EnvironmentStore store,
      EnvironmentCluster cluster,
      Inbox inbox,
      Outbox outbox,
      BlockingCalls blocking,
      Clock clock) {
    this.store = store;
    this.cluster = cluster;
    this.inbox = inbox;
    this.outbox = outbox;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Uni<Void> cloneEnvironment(String eventId, EnvironmentCloneRequested request) {
    var clone = new EnvironmentSpec(request.team(), request.environment(), request.kind());
    return Panache.withSession(() -> precheck(eventId, request, clone))
        .chain(
            precheck -> {
              if (precheck.processedBefore()) {
                return Uni.createFrom().voidItem();
              }
              Uni<Provisioning> outcome =
                  precheck.refusal() != null
                      ? Uni.createFrom().item(precheck.refusal())
                      : blocking.call(() -> provision(request, clone, precheck.source()));
              return outcome.chain(o -> record(eventId, request, clone, o, precheck.refresh()));
            });
  }

  /** Applies the clone's objects; logs how long the API server took (the bench's first part). */
  private Provisioning provision(
      EnvironmentCloneRequested request, EnvironmentSpec clone, EnvironmentSpec source) {
    long started = System.nanoTime();
    Provisioning outcome = cluster.provisionClone(clone, source);
    LOG.infof(
        "operation=%s team=%s environment=%s objects of the clone applied in %d ms",
        request.operationId(),
        request.team(),
        request.environment(),
        (System.nanoTime() - started) / 1_000_000);
    return outcome;
  }

  private Uni<Precheck> precheck(
      String eventId, EnvironmentCloneRequested request, EnvironmentSpec clone) {
    String team = request.team();
    return inbox
        .seen(CONSUMER, eventId)
        .chain(
            seen -> {
              if (seen) {
                return Uni.createFrom().item(Precheck.PROCESSED_BEFORE);
              }
              return store
                  .find(team, request.source())
                  .chain(
                      source ->
                          store
                              .find(team, request.environment())
                              .map(
                                  target -> {
                                    if (source.isEmpty()
                                        || source.get().status() != EnvironmentStatus.READY) {
                                      return Precheck.refuse(
                                          "environment "
                                              + team
                                              + "/"
                                              + request.source()
                                              + " does not exist");
                                    }
                                    if (target.isPresent()
                                        && request.source().equals(target.get().clonedFrom())
                                        && target.get().kind() == request.kind()
                                        && target.get().status() == EnvironmentStatus.READY) {
                                      // A clone of the same source again (a preview's new
                                      // commit): converge its objects, redeploy its apps.
                                      return new Precheck(false, null, source.get().spec(), true);
                                    }
                                    if (target.isPresent()) {
                                      return Precheck.refuse(
                                          "environment "
                                              + team
                                              + "/"
                                              + request.environment()
                                              + " already exists");
                                    }
                                    return clone
                                        .namespaceProblem()
                                        .map(Precheck::refuse)
                                        .orElse(
                                            new Precheck(false, null, source.get().spec(), false));
                                  }));
            });
  }

  private Uni<Void> record(
      String eventId,
      EnvironmentCloneRequested request,
      EnvironmentSpec clone,
      Provisioning outcome,
      boolean refresh) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, eventId)
                .chain(
                    fresh -> {
                      if (!fresh) {
                        return Uni.createFrom().voidItem();
                      }
                      if (outcome instanceof Provisioning.Refused refused) {
                        LOG.infof(
                            "operation=%s team=%s environment=%s clone of %s failed: %s",
                            request.operationId(),
                            request.team(),
                            request.environment(),
                            request.source(),
                            refused.reason());
                        return outbox
                            .append(
                                new EnvironmentFailed(
                                    request.operationId(),
                                    request.team(),
                                    request.environment(),
                                    refused.reason(),
                                    now))
                            .replaceWithVoid();
                      }
                      LOG.infof(
                          "operation=%s team=%s environment=%s cloned from %s",
                          request.operationId(),
                          request.team(),
                          request.environment(),
                          request.source());
                      var environment =
                          new Environment(
                              clone.team(),
                              clone.name(),
                              clone.kind(),
                              clone.namespace(),
                              EnvironmentStatus.READY,
                              now,
                              now,
                              request.source(),
                              false,
                              null);
                      Uni<Void> row =
                          refresh
                              ? store.touch(clone.team(), clone.name(), now)
                              : store.add(environment);
                      return row.chain(
                              () ->
                                  outbox.append(
                                      new EnvironmentCloned(
                                          request.operationId(),
                                          clone.team(),
                                          request.source(),
                                          clone.name(),
                                          clone.kind(),
                                          clone.namespace(),
                                          request.overrides(),
                                          now)))
                          .replaceWithVoid();
                    }));
  }

  private record Precheck(
      boolean processedBefore,
      Provisioning.Refused refusal,
      EnvironmentSpec source,
      boolean refresh) {
    static final Precheck PROCESSED_BEFORE = new Precheck(true, null, null, false);

    static Precheck refuse(String reason) {
      return new Precheck(false, new Provisioning.Refused(reason), null, false);
    }
  }
}
