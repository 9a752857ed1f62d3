package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.Teardown;
import dev.slipway.events.EnvironmentDeleteRequested;
import dev.slipway.events.EnvironmentDeleted;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tears an environment down from an EnvironmentDeleteRequested, once per event.
 *
 * <p>The row is marked DELETING first (lists show it going), then the namespace is deleted and
 * awaited: the API server's namespace controller removes everything in it, whoever made it (apps,
 * secrets). Only when it is gone do the row's removal, the claim and EnvironmentDeleted commit
 * together; deploy-service and secret-service drop their rows on that event. A crash midway
 * re-deletes on redelivery, which finds the namespace gone and finishes.
 */
@ApplicationScoped
public class DeleteEnvironmentService {

  public static final String CONSUMER = "environment-service.delete";

  private static final Logger LOG = Logger.getLogger(DeleteEnvironmentService.class);

  private final EnvironmentStore store;
  private final EnvironmentCluster cluster;
  private final Inbox inbox;
  private final Outbox outbox;
  private final BlockingCalls blocking;
  private final Clock clock;

  public DeleteEnvironmentService(
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

  public Uni<Void> delete(String eventId, EnvironmentDeleteRequested request) {
    return Panache.withTransaction(() -> precheck(eventId, request))
        .chain(
            precheck -> {
              if (precheck.processedBefore()) {
                return Uni.createFrom().voidItem();
              }
              if (precheck.environment().isEmpty()) {
                return record(
                    eventId,
                    request,
                    null,
                    List.of(),
                    new Teardown.Refused(
                        "environment "
                            + request.team()
                            + "/"
                            + request.environment()
                            + " does not exist"));
              }
              Environment environment = precheck.environment().get();
              return blocking
                  .call(() -> cluster.teardown(environment.spec()))
                  .chain(t -> record(eventId, request, environment, precheck.apps(), t));
            });
  }

  /** Marks the environment DELETING (so lists show it going) and reads its apps. */
  private Uni<Precheck> precheck(String eventId, EnvironmentDeleteRequested request) {
    return inbox
        .seen(CONSUMER, eventId)
        .chain(
            seen -> {
              if (seen) {
                return Uni.createFrom().item(Precheck.PROCESSED_BEFORE);
              }
              return store
                  .find(request.team(), request.environment())
                  .chain(
                      found ->
                          found.isEmpty()
                              ? Uni.createFrom().item(new Precheck(false, found, List.of()))
                              : store
                                  .setStatus(
                                      request.team(),
                                      request.environment(),
                                      EnvironmentStatus.DELETING)
                                  .chain(() -> store.apps(request.team(), request.environment()))
                                  .map(apps -> new Precheck(false, found, apps)));
            });
  }

  private Uni<Void> record(
      String eventId,
      EnvironmentDeleteRequested request,
      Environment environment,
      List<String> apps,
      Teardown outcome) {
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
                      if (outcome instanceof Teardown.Refused refused) {
                        LOG.infof(
                            "operation=%s team=%s environment=%s delete failed: %s",
                            request.operationId(),
                            request.team(),
                            request.environment(),
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
                      List<String> removed = new ArrayList<>();
                      apps.forEach(app -> removed.add("App/" + app));
                      removed.addAll(((Teardown.Removed) outcome).removed());
                      LOG.infof(
                          "operation=%s team=%s environment=%s deleted: %s",
                          request.operationId(), request.team(), request.environment(), removed);
                      return store
                          .remove(request.team(), request.environment())
                          .chain(
                              () ->
                                  outbox.append(
                                      new EnvironmentDeleted(
                                          request.operationId(),
                                          request.team(),
                                          request.environment(),
                                          environment.namespace(),
                                          List.copyOf(removed),
                                          now)))
                          .replaceWithVoid();
                    }));
  }

  private record Precheck(
      boolean processedBefore, Optional<Environment> environment, List<String> apps) {
    static final Precheck PROCESSED_BEFORE = new Precheck(true, Optional.empty(), List.of());
  }
}
