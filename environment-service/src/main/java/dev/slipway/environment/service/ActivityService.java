package dev.slipway.environment.service;

import dev.slipway.events.DeployCompleted;
import dev.slipway.kit.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Keeps the read model of deployed apps and the environments' last activity, from deploy-service's
 * facts: once per event, in one transaction with its processed-event claim.
 */
@ApplicationScoped
public class ActivityService {

  static final String CONSUMER = "environment-service.deploy-activity";

  private final EnvironmentStore store;
  private final Inbox inbox;
  private final Clock clock;

  public ActivityService(EnvironmentStore store, Inbox inbox, Clock clock) {
    this.store = store;
    this.inbox = inbox;
    this.clock = clock;
  }

  /** An API read of the environment: it is in use. */
  public Uni<Void> read(String team, String name) {
    return Panache.withTransaction(
        () -> store.touch(team, name, clock.instant().truncatedTo(ChronoUnit.MICROS)));
  }

  public Uni<Void> deployed(String eventId, DeployCompleted done) {
    return inbox.once(
        CONSUMER,
        eventId,
        () ->
            store.recordDeploy(
                done.team(), done.environment(), done.app(), done.revision(), done.completedAt()));
  }
}
