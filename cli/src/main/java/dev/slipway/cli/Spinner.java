package dev.slipway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress indicator on standard error, redrawn in place. Only on a terminal: in a pipe
 * or CI it prints each new status once, as a plain line, and nothing else.
 */
public final class Spinner implements AutoCloseable {

  private static final String FRAMES = "|/-\\";

  private final PrintWriter err;
  private final boolean tty;
  private final Instant start = Instant.now();
  private volatile String status = "";
  private String printed;
  private Thread thread;

  public Spinner(PrintWriter err, boolean tty) {
    this.err = err;
    this.tty = tty;
  }

  public Spinner start(String initial) {
    update(initial);
    if (tty) {
      thread =
          new Thread(
              () -> {
                int frame = 0;
                while (!Thread.currentThread().isInterrupted()) {
                  draw(FRAMES.charAt(frame++ % FRAMES.length()));
                  try {
                    Thread.sleep(120);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "spinner");
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  public void update(String newStatus) {
    status = newStatus;
    if (!tty && !newStatus.equals(printed)) {
      printed = newStatus;
      synchronized (err) {
        err.println(newStatus);
        err.flush();
      }
    }
  }

  private void draw(char frame) {
    long seconds = Duration.between(start, Instant.now()).toSeconds();
    synchronized (err) {
      err.print("\r\033[2K" + frame + " " + status + " (" + seconds + "s)");
      err.flush();
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (err) {
        err.print("\r\033[2K");
        err.flush();
      }
    }
  }
}
