package dev.slipway.deploy.messaging;

import dev.slipway.deploy.config.DeployConfig;
import dev.slipway.deploy.service.DeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.KeyedLanes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Deploys and rolls back what the gateway accepted. The topic also carries results: skipped.
 * Requests for different apps (record keys) are handled concurrently, those of one app in order.
 */
@ApplicationScoped
public class DeployRequestedConsumer {

  private final DeployService deployService;
  private final KeyedLanes lanes;

  public DeployRequestedConsumer(DeployService deployService, DeployConfig config, Vertx vertx) {
    this.deployService = deployService;
    this.lanes = new KeyedLanes(vertx, config.concurrentRequests());
  }

  @Incoming("deploy-requests")
  public Uni<Void> consume(Message<String> message) {
    return lanes.submit(message, () -> handle(message));
  }

  private Uni<Void> handle(Message<String> message) {
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
