package dev.slipway.testkit.support;

/**
 * Stops a server when the JVM exits, so that no test run leaves a broker or a postgres process
 * behind, and forgets the hook when the server is stopped explicitly.
 */
public final class ShutdownHook {

  private final Thread thread;

  private ShutdownHook(Thread thread) {
    this.thread = thread;
  }

  public static ShutdownHook register(String name, Runnable stop) {
    Thread thread = new Thread(stop, "slipway-stop-" + name);
    Runtime.getRuntime().addShutdownHook(thread);
    return new ShutdownHook(thread);
  }

  /** Call from an explicit stop; harmless when the JVM is already running the hook. */
  public void cancel() {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting and runs the hook itself; nothing to forget.
    }
  }
}
