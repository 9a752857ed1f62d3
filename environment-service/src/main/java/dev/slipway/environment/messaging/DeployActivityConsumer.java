package dev.slipway.environment.messaging;

import dev.slipway.environment.service.ActivityService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.deploy}: each DeployCompleted counts an app and marks its environment
 * active.
 */
@ApplicationScoped
public class DeployActivityConsumer {

  private final ActivityService activity;

  public DeployActivityConsumer(ActivityService activity) {
    this.activity = activity;
  }

  @Incoming("deploy-activity")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event ->
            event.is(EventCatalog.DEPLOY_COMPLETED)
                ? activity.deployed(event.id(), event.as(EventCatalog.DEPLOY_COMPLETED))
                : Uni.createFrom().voidItem());
  }
}
