package dev.slipway.secret.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.secret.service.SecretService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.secret} for SecretRestoreRequested, deploy-service's command after a failed
 * rollout of a new secret version. The topic's other events are this service's own: skipped.
 */
@ApplicationScoped
public class RestoreRequestedConsumer {

  private final SecretService secrets;

  public RestoreRequestedConsumer(SecretService secrets) {
    this.secrets = secrets;
  }

  @Incoming("restore-requests")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event ->
            event.is(EventCatalog.SECRET_RESTORE_REQUESTED)
                ? secrets.restore(event.id(), event.as(EventCatalog.SECRET_RESTORE_REQUESTED))
                : Uni.createFrom().voidItem());
  }
}
