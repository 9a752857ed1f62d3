package dev.slipway.secret.messaging;

import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.secret.service.SecretService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.environment}: every environment's kind (reveal refuses production, and an
 * unknown kind counts as production), clones, which get the source's secret names and keys, and
 * deleted environments, whose secrets go.
 */
@ApplicationScoped
public class EnvironmentEventsConsumer {

  private final SecretService secrets;

  public EnvironmentEventsConsumer(SecretService secrets) {
    this.secrets = secrets;
  }

  @Incoming("environment-events")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event -> {
          if (event.is(EventCatalog.ENVIRONMENT_CREATED)) {
            var created = event.as(EventCatalog.ENVIRONMENT_CREATED);
            // An upsert: redelivery writes the same row again.
            return Panache.withTransaction(
                () -> secrets.recordKind(created.team(), created.environment(), created.kind()));
          }
          if (event.is(EventCatalog.ENVIRONMENT_DELETED)) {
            return secrets.environmentDeleted(
                event.id(), event.as(EventCatalog.ENVIRONMENT_DELETED));
          }
          if (event.is(EventCatalog.ENVIRONMENT_CLONED)) {
            return secrets.clone(event.id(), event.as(EventCatalog.ENVIRONMENT_CLONED));
          }
          return Uni.createFrom().voidItem();
        });
  }
}
