package dev.slipway.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The launcher behind {@code ./slipway}: {@code dev} runs the platform on this machine. */
public final class SlipwayDev {
  private SlipwayDev() {}

  public static void main(String[] args) {
    // UTF-8 whatever the locale: the progress marks (✔, spinner) are not ASCII.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    String command = args.length == 0 ? "help" : args[0];
    int exit;
    try {
      exit =
          switch (command) {
            case "dev" -> dev(out);
            case "help", "-h", "--help" -> help(out);
            default -> {
              out.println("Unknown command: " + command);
              help(out);
              yield 2;
            }
          };
    } catch (Exception e) {
      out.println("✘ " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      exit = 1;
    }
    out.flush();
    System.exit(exit);
  }

  private static int dev(PrintStream out) throws Exception {
    Map<String, String> env = System.getenv();
    Path repoRoot =
        repositoryRoot(env)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot find the Slipway repository (a directory with ./slipway and pom.xml) from "
                            + Path.of("").toAbsolutePath()
                            + "; run it from the checkout or set SLIPWAY_HOME"));
    DevSettings settings = DevSettings.fromEnvironment(env, repoRoot);
    LauncherLogging.toFile(settings.logDir());
    boolean terminal =
        System.console() != null
            && !"dumb".equals(env.get("TERM"))
            && env.get("SLIPWAY_PLAIN_OUTPUT") == null;
    out.println("Starting Slipway (data in " + settings.dataDir() + ", Ctrl-C stops it)");
    return new DevRun(settings, dev.slipway.launcher.console.Progress.on(out, terminal), out).run();
  }

  static Optional<Path> repositoryRoot(Map<String, String> env) {
    String home = env.get("SLIPWAY_HOME");
    if (home != null && !home.isBlank()) {
      return Optional.of(Path.of(home).toAbsolutePath().normalize());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("slipway"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static int help(PrintStream out) {
    out.print(
        """
        Usage: ./slipway <command>

          dev     build if needed, then start Slipway on this machine: PostgreSQL, Kafka, a
                  Kubernetes API server, Keycloak and the six services, with demo data
          build   build everything (./mvnw install -DskipTests)
          help    this text

        Settings (environment) for servers you run yourself instead of the embedded ones:
          KUBECONFIG / SLIPWAY_KUBECONFIG   a cluster instead of the local API server
          SLIPWAY_KAFKA_BOOTSTRAP           host:port of a Kafka broker
          SLIPWAY_POSTGRES_URL              jdbc:postgresql://host:port (+ SLIPWAY_POSTGRES_USER,
                                            SLIPWAY_POSTGRES_PASSWORD); databases are created
          SLIPWAY_OIDC_ISSUER               your OIDC issuer instead of Keycloak
                                            (+ SLIPWAY_OIDC_CLIENT_ID)
        Others: SLIPWAY_DATA_DIR (default .slipway), SLIPWAY_KEYCLOAK_JAVA_HOME (Java >= 21),
        SLIPWAY_KEYCLOAK_VERSION, SLIPWAY_SERVICE_JAVA_OPTS, SLIPWAY_PLAIN_OUTPUT=1.
        See docs/local-run.md.
        """);
    return 0;
  }
}
