package dev.slipway.launcher.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service or Keycloak running under the testkit's {@code watchdog.sh}: the launcher holds the
 * watchdog's stdin open and never writes to it, so when the launcher dies, even by SIGKILL, the
 * pipe closes and the watchdog stops the child. No process outlives the launcher.
 *
 * <p>Each child runs in a session of its own ({@code setsid}): Ctrl-C in the terminal reaches the
 * launcher only, which then stops the services before the servers they use.
 */
public final class ChildProcess {
  // Shipped in the testkit jar for LocalKubernetes; one watchdog for every child of the local run.
  private static final String WATCHDOG = "dev/slipway/testkit/kubernetes/watchdog.sh";

  private final String name;
  private final Process watchdog;
  private final Path log;
  // Held open, never written: its closing is the watchdog's signal.
  private final OutputStream lifeline;

  private ChildProcess(String name, Process watchdog, Path log) {
    this.name = name;
    this.watchdog = watchdog;
    this.log = log;
    this.lifeline = watchdog.getOutputStream();
  }

  public static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path workDir, Path log)
      throws IOException {
    Path runDir = Files.createDirectories(log.getParent().resolveSibling("run"));
    Files.createDirectories(log.getParent());
    List<String> full = new ArrayList<>();
    if (onPath("setsid")) {
      full.add("setsid");
    }
    full.add("bash");
    full.add(watchdogScript(runDir).toString());
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("WATCHDOG_PIDFILE", runDir.resolve(name + ".pid").toString());
    return new ChildProcess(name, builder.start(), log);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return watchdog.isAlive();
  }

  /** The last lines of the child's output, for the error report when it dies. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Asks the child to stop (SIGTERM through the watchdog) without waiting. */
  public void requestStop() {
    watchdog.destroy();
  }

  /** Waits for a stop asked for with {@link #requestStop}; kills what is left after the grace. */
  public void awaitStop(long graceSeconds) {
    try {
      if (!watchdog.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        watchdog.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    } finally {
      try {
        lifeline.close();
      } catch (IOException e) {
        // The watchdog is gone already; its pipe closes with it.
      }
    }
  }

  /**
   * Written once per launcher run, before the first child starts, and never rewritten while one
   * runs: bash reads a script as it goes, so rewriting it under a running watchdog breaks that one.
   */
  private static synchronized Path watchdogScript(Path runDir) throws IOException {
    Path script = runDir.resolve("watchdog.sh");
    byte[] content;
    try (InputStream in = ChildProcess.class.getClassLoader().getResourceAsStream(WATCHDOG)) {
      if (in == null) {
        throw new IOException(WATCHDOG + " missing from the testkit jar");
      }
      content = in.readAllBytes();
    }
    if (Files.isRegularFile(script)
        && java.util.Arrays.equals(Files.readAllBytes(script), content)) {
      return script;
    }
    Path partial = runDir.resolve("watchdog.sh." + ProcessHandle.current().pid());
    Files.write(partial, content);
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
    // A rename leaves a watchdog that has the old file open reading the old file.
    Files.move(
        partial,
        script,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return script;
  }

  /** Whether {@code command} is an executable on the PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
