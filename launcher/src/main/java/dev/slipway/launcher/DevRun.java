package dev.slipway.launcher;

import dev.slipway.launcher.console.Durations;
import dev.slipway.launcher.console.Progress;
import dev.slipway.launcher.infra.DatabaseServer;
import dev.slipway.launcher.infra.KafkaStarter;
import dev.slipway.launcher.infra.KubernetesStarter;
import dev.slipway.launcher.infra.PostgresStarter;
import dev.slipway.launcher.infra.Started;
import dev.slipway.launcher.keycloak.DemoUser;
import dev.slipway.launcher.keycloak.JavaRuntimes;
import dev.slipway.launcher.keycloak.KeycloakDistribution;
import dev.slipway.launcher.keycloak.KeycloakRealmSetup;
import dev.slipway.launcher.keycloak.KeycloakServer;
import dev.slipway.launcher.keycloak.RealmDefinition;
import dev.slipway.launcher.seed.EnvironmentSeeder;
import dev.slipway.launcher.seed.OidcTokens;
import dev.slipway.launcher.services.ChildProcess;
import dev.slipway.launcher.services.HttpReadiness;
import dev.slipway.launcher.services.Infrastructure;
import dev.slipway.launcher.services.ServiceEnvironment;
import dev.slipway.launcher.services.ServiceGroup;
import dev.slipway.launcher.services.SlipwayService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ./slipway dev}: PostgreSQL, Kafka and the Kubernetes API start side by side; Keycloak as
 * soon as PostgreSQL is up; the services once the servers they connect to at startup are up; then
 * the demo environments are seeded and the summary printed. It then watches the services until
 * Ctrl-C.
 */
final class DevRun {
  private static final int KEYCLOAK_MIN_JAVA = 21;
  private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration KEYCLOAK_READY_TIMEOUT = Duration.ofMinutes(4);
  private static final int LOG_TAIL_LINES = 30;

  private final DevSettings settings;
  private final Progress progress;
  private final PrintStream out;
  private final ServiceGroup services = new ServiceGroup();
  private final Shutdown shutdown = new Shutdown(services::stopAll);
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "slipway-start");
            thread.setDaemon(true);
            return thread;
          });

  DevRun(DevSettings settings, Progress progress, PrintStream out) {
    this.settings = settings;
    this.progress = progress;
    this.out = out;
  }

  /** The exit code: 0 never (it runs until a signal), 1 when something failed. */
  int run() throws Exception {
    long begin = System.nanoTime();
    shutdown.onSignals(progress::message);
    requireBuilt();
    PortCheck.requireFree(fixedPorts());
    String password = DemoPassword.loadOrCreate(settings.dataDir());

    List<String> databases = new ArrayList<>();
    SlipwayService.ALL.forEach(service -> databases.add(service.database()));
    databases.add(KeycloakServer.DATABASE);

    CompletableFuture<DatabaseServer> postgres =
        server("PostgreSQL", () -> PostgresStarter.start(settings, databases));
    CompletableFuture<String> kafka = server("Kafka", () -> KafkaStarter.start(settings));
    CompletableFuture<Path> kubernetes =
        server("Kubernetes API", () -> KubernetesStarter.start(settings));
    CompletableFuture<Void> keycloak =
        settings.runsKeycloak()
            ? keycloak(postgres, password)
            : CompletableFuture.completedFuture(null);

    try {
      // Quarkus connects to its database, Kafka and the API server at startup, but discovers the
      // OIDC provider lazily when it is not up yet: the services need not wait for Keycloak,
      // which takes longest.
      allOrFirstFailure(
          List.of(postgres, kafka, kubernetes, keycloak), postgres, kafka, kubernetes);
      Infrastructure infra =
          new Infrastructure(postgres.join(), kafka.join(), kubernetes.join(), settings.issuer());
      List<CompletableFuture<Void>> started = new ArrayList<>();
      for (SlipwayService service : SlipwayService.ALL) {
        started.add(CompletableFuture.runAsync(() -> startService(service, infra), pool));
      }
      started.add(keycloak);
      allOrFirstFailure(started, started.toArray(CompletableFuture[]::new));
      List<String> seeded = seed(password);
      Path devEnv = settings.dataDir().resolve("dev.env");
      DevEnvFile.write(
          devEnv,
          DevEnvFile.values(
              SlipwayService.GATEWAY.url(),
              infra.kubeconfig(),
              settings.issuer(),
              settings.oidcClientId(),
              password));
      progress.close();
      out.print(
          Summary.render(
              new Summary.Facts(
                  Durations.format(Duration.ofNanos(System.nanoTime() - begin)),
                  SlipwayService.GATEWAY.url(),
                  settings.issuer(),
                  settings.runsKeycloak(),
                  KeycloakServer.baseUrl(),
                  kubernetesDescription(),
                  infra.kubeconfig(),
                  devEnv,
                  settings.logDir(),
                  password,
                  seeded,
                  ChildProcess.onPath("jq"))));
      out.flush();
    } catch (CompletionException | ExecutionException e) {
      return fail(e.getCause());
    } catch (Exception e) {
      return fail(e);
    }
    return watch();
  }

  /** Until Ctrl-C (handled by {@link Shutdown}); a service that exits ends the run. */
  private int watch() throws InterruptedException {
    while (true) {
      Thread.sleep(1000);
      if (shutdown.isStopping()) {
        Thread.sleep(Long.MAX_VALUE);
      }
      var exited = services.firstExited();
      if (exited.isPresent()) {
        ChildProcess child = exited.get();
        return fail(
            new StartFailure(
                child.name()
                    + " exited; last lines of "
                    + child.log()
                    + ":\n"
                    + indent(child.logTail(LOG_TAIL_LINES))));
      }
    }
  }

  private int fail(Throwable error) {
    if (shutdown.isStopping()) {
      return 130;
    }
    progress.close();
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    out.println();
    out.println(
        "✘ "
            + (cause instanceof StartFailure
                ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    out.println("  Launcher log: " + settings.logDir().resolve("launcher.log"));
    out.println("Stopping what was started…");
    out.flush();
    java.util.logging.Logger.getLogger(DevRun.class.getName())
        .log(java.util.logging.Level.SEVERE, "start failed", cause);
    shutdown.stopAll();
    return 1;
  }

  /**
   * Waits for {@code awaited}, but fails as soon as any of {@code watched} fails: a service that
   * dies at once is reported then, not after Keycloak and the other services have come up.
   */
  private static void allOrFirstFailure(
      List<? extends CompletableFuture<?>> watched, CompletableFuture<?>... awaited) {
    CompletableFuture<Object> firstFailure = new CompletableFuture<>();
    for (CompletableFuture<?> future : watched) {
      future.whenComplete(
          (value, error) -> {
            if (error != null) {
              firstFailure.completeExceptionally(error);
            }
          });
    }
    CompletableFuture.anyOf(CompletableFuture.allOf(awaited), firstFailure).join();
  }

  /** A server started on its own thread, with its progress line, stopped by {@link Shutdown}. */
  private <T> CompletableFuture<T> server(String name, ThrowingSupplier<Started<T>> start) {
    Progress.Step step = progress.start(name);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Started<T> started = start.get();
            shutdown.register(name, started.stop());
            step.done(started.summary());
            return started.value();
          } catch (Exception e) {
            failed(step, e);
            throw new CompletionException(e);
          }
        },
        pool);
  }

  private CompletableFuture<Void> keycloak(
      CompletableFuture<DatabaseServer> postgres, String password) {
    Progress.Step step = progress.start("Keycloak");
    return CompletableFuture.runAsync(
        () -> {
          try {
            JavaRuntimes.JavaRuntime java =
                JavaRuntimes.find(
                    KEYCLOAK_MIN_JAVA,
                    settings.keycloakJavaHome(),
                    Path.of(System.getProperty("java.home")),
                    Path.of("/usr/lib/jvm"));
            Path home =
                KeycloakDistribution.ensure(
                    settings.keycloakVersion(),
                    settings.cacheDir(),
                    settings.repoRoot(),
                    step::status);
            step.status("waiting for PostgreSQL");
            DatabaseServer database = postgres.join();
            ChildProcess server =
                KeycloakServer.start(
                    home, java, database, password, settings.logDir(), step::status);
            shutdown.register(
                "Keycloak",
                () -> {
                  server.requestStop();
                  server.awaitStop(30);
                });
            awaitReady(
                server,
                URI.create(
                    KeycloakServer.baseUrl() + "/realms/master/.well-known/openid-configuration"),
                KEYCLOAK_READY_TIMEOUT);
            step.status("realm " + RealmDefinition.REALM);
            boolean created =
                KeycloakRealmSetup.ensureRealm(
                    KeycloakServer.baseUrl(),
                    password,
                    RealmDefinition.realm(settings.oidcClientId(), password));
            step.done(KeycloakServer.baseUrl() + (created ? " (realm created)" : ""));
          } catch (Exception e) {
            failed(step, e);
            throw new CompletionException(e);
          }
        },
        pool);
  }

  private void startService(SlipwayService service, Infrastructure infra) {
    Progress.Step step = progress.start(service.name());
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of(settings.serviceJavaOptions().trim().split("\\s+")));
      command.add("-jar");
      command.add(service.jar(settings.repoRoot()).toString());
      Map<String, String> env = new LinkedHashMap<>(ServiceEnvironment.of(service, infra));
      if (service.name().equals("audit-service")) {
        // Signed checkpoints in the local run too, with a key of this checkout (never logged).
        env.putAll(DevCheckpointKey.environment(settings.dataDir()));
      }
      ChildProcess child =
          ChildProcess.start(
              service.name(),
              command,
              env,
              settings.repoRoot().resolve(service.name()),
              settings.logDir().resolve(service.name() + ".log"));
      services.add(child);
      awaitReady(child, URI.create(service.url() + "/q/health/ready"), SERVICE_READY_TIMEOUT);
      step.done(service.url());
    } catch (Exception e) {
      failed(step, e);
      throw new CompletionException(e);
    }
  }

  private static void awaitReady(ChildProcess child, URI url, Duration timeout)
      throws StartFailure, InterruptedException {
    try {
      HttpReadiness.await(url, timeout, child::isAlive);
    } catch (HttpReadiness.NotReadyException e) {
      throw new StartFailure(
          child.name()
              + (e.processExited()
                  ? " exited during startup"
                  : " did not get ready: " + e.getMessage())
              + "; last lines of "
              + child.log()
              + ":\n"
              + indent(child.logTail(LOG_TAIL_LINES)));
    }
  }

  /**
   * Seeds as the platform admin. With a developer's own OIDC provider there is no admin password to
   * use, so seeding is skipped (and said so).
   */
  private List<String> seed(String password) throws Exception {
    Progress.Step step = progress.start("environments");
    if (!settings.runsKeycloak()) {
      step.done("skipped: SLIPWAY_OIDC_ISSUER is set, no demo admin to seed with");
      return List.of();
    }
    try {
      String token =
          OidcTokens.passwordGrant(
              settings.issuer(),
              settings.oidcClientId(),
              DemoUser.platformAdmin().username(),
              password);
      List<String> results =
          EnvironmentSeeder.seed(
              SlipwayService.GATEWAY.url(), token, EnvironmentSeeder.DEMO, Duration.ofMinutes(2));
      step.done(String.join(", ", results));
      return EnvironmentSeeder.DEMO.stream().map(Object::toString).toList();
    } catch (IOException e) {
      // The platform is up and usable; only the demo data is missing, so say so and go on.
      failed(step, e);
      progress.message(
          "  ! The demo environments are missing: "
              + firstLine(e)
              + "\n    Create them with POST "
              + SlipwayService.GATEWAY.url()
              + "/api/v1/teams/{team}/environments as admin.");
      return List.of();
    }
  }

  private void requireBuilt() {
    List<String> missing = new ArrayList<>();
    for (SlipwayService service : SlipwayService.ALL) {
      if (!Files.isRegularFile(service.jar(settings.repoRoot()))) {
        missing.add(settings.repoRoot().relativize(service.jar(settings.repoRoot())).toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "not built: " + String.join(", ", missing) + ". Run ./slipway build (or ./slipway dev).");
    }
  }

  private Map<Integer, String> fixedPorts() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    if (settings.postgres().isEmpty()) {
      ports.put(DevSettings.POSTGRES_PORT, "PostgreSQL");
    }
    if (settings.kafkaBootstrap().isEmpty()) {
      ports.put(DevSettings.KAFKA_PORT, "Kafka");
    }
    if (settings.runsKeycloak()) {
      ports.put(DevSettings.KEYCLOAK_PORT, "Keycloak");
    }
    SlipwayService.ALL.forEach(service -> ports.put(service.port(), service.name()));
    return ports;
  }

  private String kubernetesDescription() {
    return settings.kubeconfig().isPresent()
        ? "your cluster (KUBECONFIG)"
        : "local API server, data in " + settings.dataDir().resolve("kube");
  }

  /** Marks a step failed; while stopping, a start cut short is no news. */
  private void failed(Progress.Step step, Exception e) {
    step.failed(shutdown.isStopping() ? "stopped" : firstLine(e));
  }

  private static String firstLine(Exception e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String indent(String text) {
    return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  /** A start that failed with a message worth showing as is (no exception class name). */
  static final class StartFailure extends Exception {
    StartFailure(String message) {
      super(message);
    }
  }
}
