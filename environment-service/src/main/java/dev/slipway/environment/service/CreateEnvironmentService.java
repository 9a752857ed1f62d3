package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.events.EnvironmentCreated;
import dev.slipway.events.EnvironmentFailed;
import dev.slipway.events.EnvironmentRequested;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  public CreateEnvironmentService(
      EnvironmentStore store,
      EnvironmentCluster cluster,
      Inbox inbox,
      Outbox outbox,
      BlockingCalls blocking) {
    this.store = store;
    this.cluster = cluster;
    this.inbox = inbox;
    this.outbox = outbox;
    this.blocking = blocking;
  }

  public Uni<Void> create(String eventId, EnvironmentRequested request) {
    var spec = new EnvironmentSpec(request.team(), request.environment(), request.kind());
    return Panache.withSession(
            () ->
                inbox
                    .seen(CONSUMER, eventId)
                    .chain(seen -> seen ? Uni.createFrom().nullItem() : provision(spec)))
        .chain(
            outcome ->
                outcome == null
                    ? Uni.createFrom().voidItem()
                    : record(eventId, request, spec, outcome));
  }

  /** Decides and does the Kubernetes part; null when the event was processed before. */
  private Uni<Provisioning> provision(EnvironmentSpec spec) {
    return store
        .find(spec.team(), spec.name())
        .chain(
            existing -> {
              if (existing.isPresent()) {
                return refused(
                    "environment " + spec.team() + "/" + spec.name() + " already exists");
              }
              var badName = spec.namespaceProblem();
              if (badName.isPresent()) {
                return refused(badName.get());
              }
              return blocking.call(() -> cluster.provision(spec));
            });
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
            spec.team(), spec.name(), spec.kind(), spec.namespace(), EnvironmentStatus.READY, now);
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

  private static Uni<Provisioning> refused(String reason) {
    return Uni.createFrom().item(new Provisioning.Refused(reason));
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
}
