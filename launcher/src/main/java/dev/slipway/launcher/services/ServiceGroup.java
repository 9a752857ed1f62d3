package dev.slipway.launcher.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running services, stopped together: all are asked to stop at once and then awaited, so six
 * graceful shutdowns take as long as the slowest, not as long as all six.
 */
public final class ServiceGroup {
  private static final long GRACE_SECONDS = 20;

  private final List<ChildProcess> children = new ArrayList<>();
  private boolean stopped;

  /** Adds a started child; after {@link #stopAll} it is stopped at once instead. */
  public void add(ChildProcess child) {
    synchronized (this) {
      if (!stopped) {
        children.add(child);
        return;
      }
    }
    child.requestStop();
    child.awaitStop(GRACE_SECONDS);
    throw new IllegalStateException("stopping");
  }

  public void stopAll() {
    List<ChildProcess> running;
    synchronized (this) {
      stopped = true;
      running = List.copyOf(children);
    }
    running.forEach(ChildProcess::requestStop);
    running.forEach(child -> child.awaitStop(GRACE_SECONDS));
  }

  /** A child that exited by itself, if any. */
  public synchronized Optional<ChildProcess> firstExited() {
    return children.stream().filter(child -> !child.isAlive()).findFirst();
  }

  synchronized List<ChildProcess> children() {
    return new ArrayList<>(children);
  }
}
