package dev.slipway.testkit.kubernetes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server process (etcd, kube-apiserver, kube-controller-manager) started through {@code
 * watchdog.sh}, its output in a log file.
 *
 * <p>The watchdog is why no process outlives the JVM: the JVM keeps the watchdog's stdin open and
 * never writes to it; when the JVM dies, even by SIGKILL, the kernel closes that pipe, the watchdog
 * reads EOF and stops the server. The server's pid is also written to {@code <name>.pid} so that a
 * later start on the same data dir can clean up after a killed watchdog (see {@link
 * #killLeftover}).
 */
final class ManagedProcess {
  private final String name;
  private final Process watchdog;
  private final Path log;
  private final Path pidFile;
  // Held open, never written: its closing is the signal for the watchdog.
  private final OutputStream lifeline;

  private ManagedProcess(String name, Process watchdog, Path log, Path pidFile) {
    this.name = name;
    this.watchdog = watchdog;
    this.log = log;
    this.pidFile = pidFile;
    this.lifeline = watchdog.getOutputStream();
  }

  static ManagedProcess start(String name, Path watchdogScript, Path runDir, List<String> command)
      throws IOException {
    Path logDir = Files.createDirectories(runDir.resolve("logs"));
    Path log = logDir.resolve(name + ".log");
    Path pidFile = runDir.resolve(name + ".pid");
    List<String> full = new ArrayList<>();
    full.add("bash");
    full.add(watchdogScript.toString());
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("WATCHDOG_PIDFILE", pidFile.toString());
    Files.writeString(
        log,
        "---- starting: " + String.join(" ", command) + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return new ManagedProcess(name, builder.start(), log, pidFile);
  }

  /**
   * Kills a server left running by an earlier start on this data dir whose watchdog was itself
   * killed. Only a process whose command line still names this data dir is touched, so a recycled
   * pid is never hit.
   */
  static void killLeftover(String name, Path runDir) throws IOException {
    Path pidFile = runDir.resolve(name + ".pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String pid = Files.readString(pidFile).trim();
    Files.deleteIfExists(pidFile);
    Optional<ProcessHandle> handle =
        pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return;
    }
    Path cmdline = Path.of("/proc", pid, "cmdline");
    if (Files.exists(cmdline) && Files.readString(cmdline).contains(runDir.toString())) {
      handle.get().destroy();
      handle.get().onExit().orTimeout(15, TimeUnit.SECONDS).exceptionally(e -> null).join();
      if (handle.get().isAlive()) {
        handle.get().destroyForcibly();
      }
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return watchdog.isAlive();
  }

  /** The last lines of the log, for a startup error that says why without opening the file. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  void stop() {
    // SIGTERM to the watchdog; it forwards SIGTERM to the server and waits for it.
    watchdog.destroy();
    try {
      if (!watchdog.waitFor(20, TimeUnit.SECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
      }
      lifeline.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    } catch (IOException e) {
      // Closing the pipe of a process that is gone cannot matter.
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // A stale pid file is checked against /proc at the next start.
    }
  }
}
