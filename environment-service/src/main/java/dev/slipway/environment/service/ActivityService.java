package dev.slipway.environment.service;

import dev.slipway.events.DeployCompleted;
import dev.slipway.kit.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the read model of deployed apps and the environments' last activity, from deploy-service's
 * facts: once per event, in one transaction with its processed-event claim.
 */
@ApplicationScoped
public class ActivityService {

  static final String CONSUMER = "environment-service.deploy-activity";

  private final EnvironmentStore store;
  private final Inbox inbox;

  public ActivityService(EnvironmentStore store, Inbox inbox) {
    this.store = store;
    this.inbox = inbox;
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
