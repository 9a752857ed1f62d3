package dev.slipway.deploy.messaging;

import dev.slipway.deploy.service.CloneDeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads deploy results on {@code slipway.deploy} (its own consumer group, apart from the deploy
 * requests) and counts those that belong to a clone.
 */
@ApplicationScoped
public class CloneProgressConsumer {

  private final CloneDeployService clones;

  public CloneProgressConsumer(CloneDeployService clones) {
    this.clones = clones;
  }

  @Incoming("clone-progress")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event -> {
          if (event.is(EventCatalog.DEPLOY_COMPLETED)) {
            return clones.deployCompleted(event.id(), event.as(EventCatalog.DEPLOY_COMPLETED));
          }
          if (event.is(EventCatalog.DEPLOY_FAILED)) {
            return clones.deployFailed(event.id(), event.as(EventCatalog.DEPLOY_FAILED));
          }
          return Uni.createFrom().voidItem();
        });
  }
}
