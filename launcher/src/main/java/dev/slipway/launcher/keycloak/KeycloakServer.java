package dev.slipway.launcher.keycloak;

import dev.slipway.launcher.DevSettings;
import dev.slipway.launcher.infra.DatabaseServer;
import dev.slipway.launcher.services.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keycloak on 127.0.0.1:18080 over plain HTTP, its data in the {@code keycloak} database of the
 * local run (so it lives under {@code .slipway/} with everything else, not in the shared home).
 */
public final class KeycloakServer {
  /** The bootstrap admin of the master realm, used only to create the {@code slipway} realm. */
  public static final String BOOTSTRAP_ADMIN = "keycloak-admin";

  public static final String DATABASE = "keycloak";

  private static final List<String> BUILD_OPTIONS =
      List.of("--db=postgres", "--health-enabled=false", "--metrics-enabled=false");

  private KeycloakServer() {}

  public static String baseUrl() {
    return "http://" + DevSettings.LOOPBACK + ":" + DevSettings.KEYCLOAK_PORT;
  }

  public static ChildProcess start(
      Path home,
      JavaRuntimes.JavaRuntime java,
      DatabaseServer database,
      String adminPassword,
      Path logDir,
      Consumer<String> status)
      throws IOException, InterruptedException {
    Map<String, String> environment =
        Map.of(
            "JAVA_HOME",
            java.home().toString(),
            // Less than kc.sh's default (70% of RAM on a machine without a container limit):
            // five engineers share this one.
            "JAVA_OPTS_KC_HEAP",
            "-Xms64m -Xmx512m",
            // JBoss Threads resets thread locals through java.lang internals; on Java 24+ that
            // fails without this, with a stack trace at every shutdown.
            "JAVA_OPTS_APPEND",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            // Read only while the master realm has no admin, i.e. on the first start.
            "KC_BOOTSTRAP_ADMIN_USERNAME",
            BOOTSTRAP_ADMIN,
            "KC_BOOTSTRAP_ADMIN_PASSWORD",
            adminPassword);
    buildOnce(home, environment, logDir.resolve("keycloak-build.log"), status);
    status.accept("starting on Java " + java.feature());
    List<String> command =
        List.of(
            home.resolve("bin/kc.sh").toString(),
            "start",
            "--optimized",
            "--http-enabled=true",
            "--http-host=" + DevSettings.LOOPBACK,
            "--http-port=" + DevSettings.KEYCLOAK_PORT,
            // A fixed issuer: tokens say http://127.0.0.1:18080/realms/slipway whichever name
            // (localhost, 127.0.0.1) the client used, and that is what the services trust.
            "--hostname=" + baseUrl(),
            // The default clustered cache would open JGroups ports on every interface.
            "--cache=local",
            "--db-url=" + database.jdbcUrl(DATABASE),
            "--db-username=" + database.username(),
            "--db-password=" + database.password());
    return ChildProcess.start(
        "keycloak", command, environment, home, logDir.resolve("keycloak.log"));
  }

  /**
   * {@code kc.sh build} once per distribution: {@code start-dev} ran this augmentation on each of
   * our starts (about a minute of a 95 s start on two busy cores), {@code start --optimized} skips
   * it.
   */
  private static void buildOnce(
      Path home, Map<String, String> environment, Path log, Consumer<String> status)
      throws IOException, InterruptedException {
    Path stamp = home.resolve("slipway-build-options");
    String options = String.join(" ", BUILD_OPTIONS);
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(options)) {
      return;
    }
    status.accept("building Keycloak for PostgreSQL (once)");
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("build");
    command.addAll(BUILD_OPTIONS);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    Process build = builder.start();
    try {
      if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
        throw new IOException("kc.sh build failed; last lines of " + log + ":\n" + tail(log, 15));
      }
    } finally {
      build.descendants().forEach(ProcessHandle::destroyForcibly);
      build.destroyForcibly();
    }
    Files.writeString(stamp, options);
  }

  private static String tail(Path log, int lines) throws IOException {
    List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
