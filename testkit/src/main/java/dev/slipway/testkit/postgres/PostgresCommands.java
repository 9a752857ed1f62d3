package dev.slipway.testkit.postgres;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs initdb and pg_ctl, also when this JVM runs as root.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root. As root, every command runs in a new
 * user namespace that maps the caller to uid 1000 ({@code unshare --user --map-user=1000}): inside
 * it postgres is an ordinary user that owns its data directory (created by root outside), and it
 * gains no privilege outside. The postmaster started by pg_ctl stays in that namespace.
 */
final class PostgresCommands {

  private static final List<String> AS_UNPRIVILEGED_USER =
      List.of("unshare", "--user", "--map-user=1000", "--map-group=1000");

  private final Path installation;
  private final boolean root;

  PostgresCommands(Path installation) {
    this.installation = installation;
    this.root = new UnixSystem().getUid() == 0;
  }

  boolean runsInUserNamespace() {
    return root;
  }

  /** Runs a PostgreSQL program to completion; a non-zero exit fails with its output. */
  void run(String program, List<String> args, Path output) {
    int exit = exitCode(program, args, output);
    if (exit != 0) {
      throw new IllegalStateException(
          program
              + " failed with exit code "
              + exit
              + (root ? " (run as uid 1000 in a user namespace)" : "")
              + ":\n"
              + tail(output));
    }
  }

  /** Runs a PostgreSQL program to completion and answers its exit code. */
  int exitCode(String program, List<String> args, Path output) {
    List<String> command = new ArrayList<>(root ? AS_UNPRIVILEGED_USER : List.of());
    command.add(installation.resolve("bin").resolve(program).toString());
    command.addAll(args);
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(program + " did not finish within 2 minutes");
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + program, e);
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
