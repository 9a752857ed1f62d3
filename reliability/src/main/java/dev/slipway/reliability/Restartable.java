package dev.slipway.reliability;

import dev.slipway.launcher.services.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process (a service or the Kafka broker) that the suite kills with SIGKILL and starts
 * again with the same command, environment and log. It runs under the launcher's watchdog, so it
 * never outlives the test JVM; the watchdog's pid file names the real process to kill.
 */
final class Restartable {

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workDir;
  private final Path log;
  private ChildProcess process;

  Restartable(
      String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.workDir = workDir;
    this.log = log;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    process = ChildProcess.start(name, command, environment, workDir, log);
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL to the process itself (not its watchdog): no shutdown hook, no clean close. */
  synchronized void kill9() throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readString(pidFile()).trim());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    // The watchdog notices its child is gone and exits; this closes its lifeline.
    process.awaitStop(15);
    process = null;
  }

  synchronized void stop() {
    if (process != null) {
      process.requestStop();
      process.awaitStop(15);
      process = null;
    }
  }

  String logTail(int lines) {
    return process != null ? process.logTail(lines) : "(" + name + " is not running)";
  }

  private Path pidFile() {
    // Where ChildProcess tells the watchdog to write the child's pid.
    return log.getParent().resolveSibling("run").resolve(name + ".pid");
  }
}
