package dev.slipway.environment.messaging;

import dev.slipway.environment.service.CreateEnvironmentService;
import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code slipway.environment}. The topic carries every environment fact, this service's own
 * included; only requests are acted on, the rest is acknowledged and skipped.
 */
@ApplicationScoped
public class EnvironmentRequestedConsumer {

  private final CreateEnvironmentService service;

  public EnvironmentRequestedConsumer(CreateEnvironmentService service) {
    this.service = service;
  }

  @Incoming("environment-requests")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event ->
            event.is(EventCatalog.ENVIRONMENT_REQUESTED)
                ? service.create(event.id(), event.as(EventCatalog.ENVIRONMENT_REQUESTED))
                : Uni.createFrom().voidItem());
  }
}
