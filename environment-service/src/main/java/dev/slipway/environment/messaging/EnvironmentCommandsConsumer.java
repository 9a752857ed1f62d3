package dev.slipway.environment.messaging;

import dev.slipway.environment.service.CloneEnvironmentService;
import dev.slipway.environment.service.CreateEnvironmentService;
import dev.slipway.environment.service.DeleteEnvironmentService;
import dev.slipway.environment.service.TeamQuotaService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.environment}. The topic carries every environment fact, this service's own
 * included; only the commands (requested, clone-requested, delete-requested,
 * quota-change-requested) are acted on, the rest is acknowledged and skipped. One key's commands
 * stay in order: a delete queued behind a create runs after it.
 */
@ApplicationScoped
public class EnvironmentCommandsConsumer {

  private final CreateEnvironmentService create;
  private final CloneEnvironmentService clone;
  private final DeleteEnvironmentService delete;
  private final TeamQuotaService quota;

  public EnvironmentCommandsConsumer(
      CreateEnvironmentService create,
      CloneEnvironmentService clone,
      DeleteEnvironmentService delete,
      TeamQuotaService quota) {
    this.quota = quota;
    this.create = create;
    this.clone = clone;
    this.delete = delete;
  }

  @Incoming("environment-requests")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(message, this::dispatch);
  }

  private Uni<Void> dispatch(IncomingEvent event) {
    if (event.is(EventCatalog.ENVIRONMENT_REQUESTED)) {
      return create.create(event.id(), event.as(EventCatalog.ENVIRONMENT_REQUESTED));
    }
    if (event.is(EventCatalog.ENVIRONMENT_CLONE_REQUESTED)) {
      return clone.cloneEnvironment(event.id(), event.as(EventCatalog.ENVIRONMENT_CLONE_REQUESTED));
    }
    if (event.is(EventCatalog.ENVIRONMENT_DELETE_REQUESTED)) {
      return delete.delete(event.id(), event.as(EventCatalog.ENVIRONMENT_DELETE_REQUESTED));
    }
    if (event.is(EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED)) {
      return quota.change(event.id(), event.as(EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED));
    }
    return Uni.createFrom().voidItem();
  }
}
