package dev.slipway.deploy.messaging;

import dev.slipway.deploy.service.SecretRollouts;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.secret}: created, rotated and deleted secrets keep the projection that
 * deploys check references against, and a new version rolls the apps that reference it. Reveals and
 * restore requests are skipped.
 */
@ApplicationScoped
public class SecretFactsConsumer {

  private final SecretRollouts rollouts;

  public SecretFactsConsumer(SecretRollouts rollouts) {
    this.rollouts = rollouts;
  }

  @Incoming("secret-facts")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event -> {
          if (event.is(EventCatalog.SECRET_CREATED)) {
            return rollouts.created(event.id(), event.as(EventCatalog.SECRET_CREATED));
          }
          if (event.is(EventCatalog.SECRET_ROTATED)) {
            return rollouts.rotated(event.id(), event.as(EventCatalog.SECRET_ROTATED));
          }
          if (event.is(EventCatalog.SECRET_DELETED)) {
            return rollouts.deleted(event.id(), event.as(EventCatalog.SECRET_DELETED));
          }
          return Uni.createFrom().voidItem();
        });
  }
}
