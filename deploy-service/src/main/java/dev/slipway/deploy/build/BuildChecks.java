package dev.slipway.deploy.build;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks at running builds on a timer. Reading the state from the database (not an informer's
 * memory) means a restart, or a second replica, picks up every build where it stands.
 */
@ApplicationScoped
public class BuildChecks {

  private final BuildService builds;

  public BuildChecks(BuildService builds) {
    this.builds = builds;
  }

  @Scheduled(
      every = "${slipway.build.check-every:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> run() {
    return builds.checkRunning();
  }
}
