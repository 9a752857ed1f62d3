package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.events.EnvironmentCreated;
import dev.slipway.events.EnvironmentFailed;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.EnvironmentRequested;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes an environment from an EnvironmentRequested, once per event.
 *
 * <p>The Kubernetes apply cannot join a database transaction, so it runs first and is idempotent
 * (server-side apply converges); the environment row, the processed-event claim and the outcome
 * event then commit together. A crash in between re-applies on redelivery, and changes nothing.
 */
@ApplicationScoped
public class CreateEnvironmentService {

  /** The inbox's name for this consumer: its processed event ids are kept apart from others'. */
  public static final String CONSUMER = "environment-service.create";

  private static final Logger LOG = Logger.getLogger(CreateEnvironmentService.class);

  private final EnvironmentStore store;
  private final EnvironmentCluster cluster;
  private final Inbox inbox;
  private final Outbox outbox;
  private final BlockingCalls blocking;
  private final TeamQuotaService quotas;

  public CreateEnvironmentService(
      EnvironmentStore store,
      EnvironmentCluster cluster,
      Inbox inbox,
      Outbox outbox,
      BlockingCalls blocking,
      TeamQuotaService quotas) {
    this.quotas = quotas;
    this.store = store;
    this.cluster = cluster;
    this.inbox = inbox;
    this.outbox = outbox;
    this.blocking = blocking;
  }

  public Uni<Void> create(String eventId, EnvironmentRequested request) {
    var spec = new EnvironmentSpec(request.team(), request.environment(), request.kind());
    // The session closes before the apply: no database connection is held while Kubernetes works.
    return Panache.withSession(() -> precheck(eventId, spec))
        .chain(
            precheck -> {
              if (precheck.processedBefore()) {
                return Uni.createFrom().voidItem();
              }
              Uni<Provisioning> outcome =
                  precheck.refusal() != null
                      ? Uni.createFrom().item(precheck.refusal())
                      : blocking.call(() -> cluster.provision(spec, precheck.quota()));
              return outcome.chain(o -> record(eventId, request, spec, o));
            });
  }

  /** What can be decided from the database alone. */
  private Uni<Precheck> precheck(String eventId, EnvironmentSpec spec) {
    return inbox
        .seen(CONSUMER, eventId)
        .chain(
            seen ->
                seen
                    ? Uni.createFrom().item(Precheck.PROCESSED_BEFORE)
                    : store
                        .find(spec.team(), spec.name())
                        .chain(
                            existing ->
                                quotas
                                    .inForce(spec.team())
                                    .map(
                                        quota ->
                                            decide(
                                                spec, existing, quota.kinds().get(spec.kind())))));
  }

  private static Precheck decide(
      EnvironmentSpec spec, Optional<Environment> existing, EnvironmentQuota quota) {
    if (existing.isPresent()) {
      return Precheck.refuse("environment " + spec.team() + "/" + spec.name() + " already exists");
    }
    return spec.namespaceProblem().map(Precheck::refuse).orElse(new Precheck(false, null, quota));
  }

  private Uni<Void> record(
      String eventId, EnvironmentRequested request, EnvironmentSpec spec, Provisioning outcome) {
    // PostgreSQL keeps microseconds: the event and later reads then show the same instant.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, eventId)
                .chain(
                    fresh -> {
                      if (!fresh) {
                        return Uni.createFrom().voidItem();
                      }
                      log(request, outcome);
                      return outcome instanceof Provisioning.Refused refused
                          ? failed(request, refused.reason(), now)
                          : created(request, spec, now);
                    }));
  }

  private Uni<Void> created(EnvironmentRequested request, EnvironmentSpec spec, Instant now) {
    var environment =
        new Environment(
            spec.team(),
            spec.name(),
            spec.kind(),
            spec.namespace(),
            EnvironmentStatus.READY,
            now,
            now,
            null,
            false,
            null);
    var event =
        new EnvironmentCreated(
            request.operationId(), spec.team(), spec.name(), spec.kind(), spec.namespace(), now);
    return store.add(environment).chain(() -> outbox.append(event)).replaceWithVoid();
  }

  private Uni<Void> failed(EnvironmentRequested request, String reason, Instant now) {
    var event =
        new EnvironmentFailed(
            request.operationId(), request.team(), request.environment(), reason, now);
    return outbox.append(event).replaceWithVoid();
  }

  private static void log(EnvironmentRequested request, Provisioning outcome) {
    String result =
        outcome instanceof Provisioning.Refused refused
            ? "failed: " + refused.reason()
            : "created namespace " + ((Provisioning.Provisioned) outcome).namespace();
    LOG.infof(
        "operation=%s team=%s environment=%s %s",
        request.operationId(), request.team(), request.environment(), result);
  }

  /** Processed before, refused before any apply, or free to apply with the team's quota. */
  private record Precheck(
      boolean processedBefore, Provisioning.Refused refusal, EnvironmentQuota quota) {
    static final Precheck PROCESSED_BEFORE = new Precheck(true, null, null);

    static Precheck refuse(String reason) {
      return new Precheck(false, new Provisioning.Refused(reason), null);
    }
  }
}
