package dev.slipway.deploy.build;

import dev.slipway.events.EventCatalog;
import dev.slipway.kit.inbox.EventHandling;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Builds asked for by the API or a git push; the topic's other events are skipped. */
@ApplicationScoped
public class BuildRequestedConsumer {

  private final BuildService builds;

  public BuildRequestedConsumer(BuildService builds) {
    this.builds = builds;
  }

  @Incoming("build-requests")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(
        message,
        event ->
            event.is(EventCatalog.BUILD_REQUESTED)
                ? builds.rebuild(event.id(), event.as(EventCatalog.BUILD_REQUESTED))
                : Uni.createFrom().voidItem());
  }
}
