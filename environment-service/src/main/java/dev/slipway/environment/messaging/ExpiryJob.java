package dev.slipway.environment.messaging;

import dev.slipway.environment.service.ExpiryService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Runs the expiry pass on a timer. Every replica runs it; the row locks of {@link ExpiryService}
 * make each environment's warning and deletion happen once.
 */
@ApplicationScoped
public class ExpiryJob {

  private final ExpiryService expiry;
  private final Clock clock;

  public ExpiryJob(ExpiryService expiry, Clock clock) {
    this.expiry = expiry;
    this.clock = clock;
  }

  @Scheduled(
      every = "${slipway.environments.expiry.check-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> run() {
    return expiry.run(clock.instant()).replaceWithVoid();
  }
}
