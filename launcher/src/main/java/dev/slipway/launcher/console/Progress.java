package dev.slipway.launcher.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line per component while the platform starts. On a terminal the lines redraw in place with a
 * spinner and the elapsed time; elsewhere (CI, a pipe, a log file) each change is one plain line,
 * so the output reads well in both.
 */
public final class Progress implements AutoCloseable {
  private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  private static final int NAME_WIDTH = 20;

  private final PrintStream out;
  private final boolean live;
  private final List<Step> steps = new ArrayList<>();
  private final ScheduledExecutorService ticker;
  private int drawnLines;
  private int frame;
  // After close the summary follows the lines; redrawing would move the cursor up into it.
  private boolean closed;

  private Progress(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
    if (live) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "slipway-progress");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  public static Progress on(PrintStream out, boolean terminal) {
    return new Progress(out, terminal);
  }

  /** A component that starts now. */
  public synchronized Step start(String name) {
    Step step = new Step(this, name);
    steps.add(step);
    if (live) {
      redraw();
    } else {
      out.println("  … " + pad(name) + "starting");
    }
    return step;
  }

  /** A message above the progress lines (an error, a warning). */
  public synchronized void message(String text) {
    if (live && !closed) {
      clear();
      out.println(text);
      drawnLines = 0;
      redraw();
    } else {
      out.println(text);
    }
    out.flush();
  }

  synchronized void changed(Step step) {
    if (closed) {
      return;
    }
    if (live) {
      redraw();
    } else if (step.state() != Step.State.RUNNING) {
      out.println(line(step));
    }
    out.flush();
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    frame++;
    if (steps.stream().anyMatch(step -> step.state() == Step.State.RUNNING)) {
      redraw();
    }
  }

  private void redraw() {
    StringBuilder screen = new StringBuilder();
    if (drawnLines > 0) {
      // Back to the first line we drew, then rewrite every line from its start.
      screen.append("\033[").append(drawnLines).append('F');
    }
    for (Step step : steps) {
      screen.append("\033[2K").append(line(step)).append('\n');
    }
    out.print(screen);
    out.flush();
    drawnLines = steps.size();
  }

  private void clear() {
    if (drawnLines > 0) {
      out.print("\033[" + drawnLines + "F\033[0J");
    }
  }

  private String line(Step step) {
    String mark =
        switch (step.state()) {
          case RUNNING -> SPINNER[frame % SPINNER.length];
          case DONE -> "✔";
          case FAILED -> "✘";
        };
    String time = Durations.format(step.elapsed());
    return "  "
        + mark
        + " "
        + pad(step.name())
        + String.format("%7s", time)
        + (step.detail().isEmpty() ? "" : "  " + step.detail());
  }

  private static String pad(String name) {
    return name.length() >= NAME_WIDTH ? name + " " : name + " ".repeat(NAME_WIDTH - name.length());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (ticker != null) {
      ticker.shutdownNow();
      redraw();
    }
    closed = true;
  }

  /** One component's line. */
  public static final class Step {
    enum State {
      RUNNING,
      DONE,
      FAILED
    }

    private final Progress progress;
    private final String name;
    private final long started = System.nanoTime();
    private volatile long ended;
    private volatile State state = State.RUNNING;
    private volatile String detail = "";

    private Step(Progress progress, String name) {
      this.progress = progress;
      this.name = name;
    }

    public String name() {
      return name;
    }

    State state() {
      return state;
    }

    String detail() {
      return detail;
    }

    public Duration elapsed() {
      return Duration.ofNanos((state == State.RUNNING ? System.nanoTime() : ended) - started);
    }

    /** What it is doing now; shown on a terminal only, plain output keeps to start and end. */
    public void status(String text) {
      detail = text;
      progress.changed(this);
    }

    public void done(String summary) {
      finish(State.DONE, summary);
    }

    public void failed(String reason) {
      finish(State.FAILED, reason);
    }

    private void finish(State end, String text) {
      if (state != State.RUNNING) {
        return;
      }
      ended = System.nanoTime();
      detail = text;
      state = end;
      progress.changed(this);
    }
  }
}
