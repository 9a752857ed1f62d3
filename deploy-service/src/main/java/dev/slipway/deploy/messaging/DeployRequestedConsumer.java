package dev.slipway.deploy.messaging;

import dev.slipway.deploy.service.DeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Deploys what the gateway accepted. The topic also carries results; only requests matter here. */
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
        event ->
            event.is(EventCatalog.DEPLOY_REQUESTED)
                ? deployService.deploy(event.id(), event.as(EventCatalog.DEPLOY_REQUESTED))
                : Uni.createFrom().voidItem());
  }
}
