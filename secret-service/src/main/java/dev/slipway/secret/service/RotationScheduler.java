package dev.slipway.secret.service;

import dev.slipway.secret.config.SecretsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs due rotations. Schedules are rows ({@code secret.next_rotation_at}), so they survive
 * restarts; each due row is taken under {@code FOR UPDATE SKIP LOCKED}, so replicas ticking at the
 * same time never rotate the same secret twice.
 */
@ApplicationScoped
public class RotationScheduler {

  private static final Logger LOG = Logger.getLogger(RotationScheduler.class);
  private static final int MAX_PER_TICK = 50;

  private final SecretService secrets;
  private final SecretsConfig config;

  public RotationScheduler(SecretService secrets, SecretsConfig config) {
    this.secrets = secrets;
    this.config = config;
  }

  @Scheduled(
      every = "${slipway.secrets.rotation.tick:30s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    return drain(MAX_PER_TICK)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("rotation tick failed, next tick retries: %s", failure.toString());
              return null;
            });
  }

  private Uni<Void> drain(int left) {
    if (left == 0) {
      return Uni.createFrom().voidItem();
    }
    return secrets
        .rotateNextDue(config.rotation().retryAfter())
        .chain(found -> found ? drain(left - 1) : Uni.createFrom().voidItem());
  }
}
