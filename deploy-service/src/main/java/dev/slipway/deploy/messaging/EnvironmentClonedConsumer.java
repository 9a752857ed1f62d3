package dev.slipway.deploy.messaging;

import dev.slipway.deploy.service.CloneDeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.environment}: a clone's namespace is ready (deploy its source's apps), or an
 * environment is gone (drop its rows). Every other environment fact is skipped.
 */
@ApplicationScoped
public class EnvironmentClonedConsumer {

  private final CloneDeployService clones;

  public EnvironmentClonedConsumer(CloneDeployService clones) {
    this.clones = clones;
  }

  @Incoming("environment-facts")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event -> {
          if (event.is(EventCatalog.ENVIRONMENT_CLONED)) {
            return clones.cloned(event.id(), event.as(EventCatalog.ENVIRONMENT_CLONED));
          }
          if (event.is(EventCatalog.ENVIRONMENT_DELETED)) {
            return clones.environmentDeleted(
                event.id(), event.as(EventCatalog.ENVIRONMENT_DELETED));
          }
          return Uni.createFrom().voidItem();
        });
  }
}
