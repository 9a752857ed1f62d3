package dev.slipway.gateway.service;

import dev.slipway.gateway.persistence.CommandKeys;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Forgets commands' Idempotency-Keys after a day: a client retries within minutes, not days. */
@ApplicationScoped
public class CommandKeyPruner {

  private static final Logger LOG = Logger.getLogger(CommandKeyPruner.class);

  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> prune() {
    return CommandKeys.prune()
        .invoke(n -> LOG.debugf("forgot %d idempotency keys older than a day", n))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("idempotency key pruning failed, the next run retries: %s", failure);
              return 0;
            })
        .replaceWithVoid();
  }
}
