package dev.slipway.deploy.messaging;

import dev.slipway.deploy.service.DeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Deploys and rolls back what the gateway accepted. The topic also carries results: skipped. */
@ApplicationScoped
public class DeployRequestedConsumer {

  private final DeployService deployService;

  public DeployRequestedConsumer(DeployService deployService) {
    this.deployService = deployService;
  }

  @Incoming("deploy-requests")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event -> {
          if (event.is(EventCatalog.DEPLOY_REQUESTED)) {
            return deployService.deploy(event.id(), event.as(EventCatalog.DEPLOY_REQUESTED));
          }
          if (event.is(EventCatalog.ROLLBACK_REQUESTED)) {
            return deployService.rollback(event.id(), event.as(EventCatalog.ROLLBACK_REQUESTED));
          }
          return Uni.createFrom().voidItem();
        });
  }
}
