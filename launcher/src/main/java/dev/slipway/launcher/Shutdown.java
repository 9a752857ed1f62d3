package dev.slipway.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import sun.misc.Signal;

/**
 * Stops what was started in reverse order: the services before Keycloak, Keycloak before
 * PostgreSQL. JVM shutdown hooks run concurrently (the testkit registers its own per server), so
 * Ctrl-C and SIGTERM are taken over here and the ordered stop runs before the JVM exits.
 */
final class Shutdown {
  private final Deque<Stoppable> started = new ArrayDeque<>();
  // The services, whatever order the servers came up in: they are clients of all of them.
  private final Runnable stopFirst;
  private boolean stopping;

  Shutdown(Runnable stopFirst) {
    this.stopFirst = stopFirst;
  }

  private record Stoppable(String name, Runnable stop) {}

  /**
   * Registers something started. Once stopping began, it is stopped at once instead: a start that
   * raced with Ctrl-C leaves nothing behind.
   */
  void register(String name, Runnable stop) {
    synchronized (this) {
      if (!stopping) {
        started.push(new Stoppable(name, stop));
        return;
      }
    }
    stopQuietly(new Stoppable(name, stop));
    throw new StoppingException();
  }

  synchronized boolean isStopping() {
    return stopping;
  }

  void stopAll() {
    synchronized (this) {
      stopping = true;
    }
    stopQuietly(new Stoppable("services", stopFirst));
    while (true) {
      Stoppable next;
      synchronized (this) {
        next = started.poll();
      }
      if (next == null) {
        return;
      }
      stopQuietly(next);
    }
  }

  /** Ctrl-C and SIGTERM: print, stop in order, exit 130 / 143 as a shell would report them. */
  void onSignals(java.util.function.Consumer<String> say) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (isStopping()) {
              return;
            }
            say.accept("Stopping (SIG" + signal.getName() + ")…");
            stopAll();
            say.accept("Stopped.");
            System.exit(128 + signal.getNumber());
          });
    }
    // The last resort when the JVM exits another way (an uncaught error, System.exit).
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "slipway-stop-all"));
  }

  private static void stopQuietly(Stoppable stoppable) {
    try {
      stoppable.stop().run();
    } catch (RuntimeException e) {
      System.err.println("  could not stop " + stoppable.name() + ": " + e);
    }
  }

  /** Thrown to a start that finished after stopping began. */
  static final class StoppingException extends RuntimeException {
    StoppingException() {
      super("stopping");
    }
  }
}
