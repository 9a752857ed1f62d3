package dev.slipway.e2e;

import dev.slipway.launcher.infra.DatabaseServer;
import dev.slipway.launcher.services.ChildProcess;
import dev.slipway.launcher.services.HttpReadiness;
import dev.slipway.launcher.services.Infrastructure;
import dev.slipway.launcher.services.ServiceEnvironment;
import dev.slipway.launcher.services.SlipwayService;
import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import dev.slipway.testkit.support.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Slipway as it runs for real: each service its own process (or several replicas of it) from its
 * built jar, on free ports, over the testkit's shared Kafka, PostgreSQL, Kubernetes API and OIDC
 * provider. Used by the end-to-end tests and the benchmarks. The service processes share the
 * launcher's process management, so they die with this JVM.
 */
public final class Platform implements AutoCloseable {

  private static final Duration READY = Duration.ofMinutes(3);

  /**
   * Where the gateway's client of a service this run did not start points: a port nothing listens
   * on, so such a route fails fast instead of reaching a local dev run on the fixed ports.
   */
  static final String NOT_STARTED = "http://127.0.0.1:1";

  /** One key for every secret-service replica: a secret written by one is read by the other. */
  private static final String SECRETS_MASTER_KEY = "c2xpcHdheS1lMmUtbWFzdGVyLWtleS0zMi1ieXRlcyE=";

  /** Replica {@code index} (0-based) of a service, as a process of this run. */
  public record Replica(String service, int index, String url, ChildProcess process) {}

  private final Map<String, List<Replica>> replicas;
  private final List<ChildProcess> processes;

  private Platform(Map<String, List<Replica>> replicas, List<ChildProcess> processes) {
    this.replicas = replicas;
    this.processes = processes;
  }

  /** Starts one process of each named service (module names, e.g. "api-gateway"). */
  public static Platform start(Path repoRoot, Path workDir, List<String> names) throws Exception {
    return start(repoRoot, workDir, names, 1, Map.of());
  }

  /**
   * Starts {@code count} replicas of each named service: distinct ports, one database and one
   * consumer group per service. Replica i of the gateway calls replica i of each backend. {@code
   * settings} adds configuration properties per service name (e.g. shorter timers), as system
   * properties, which Quarkus reads over its application.properties.
   */
  public static Platform start(
      Path repoRoot,
      Path workDir,
      List<String> names,
      int count,
      Map<String, Map<String, String>> settings)
      throws Exception {
    var postgresStart = CompletableFuture.supplyAsync(EmbeddedPostgresServer::shared);
    var kafkaStart = CompletableFuture.supplyAsync(EmbeddedKafka::shared);
    var kubernetesStart = CompletableFuture.supplyAsync(LocalKubernetes::shared);
    EmbeddedPostgresServer postgres = postgresStart.join();
    Map<String, List<SlipwayService>> started = new LinkedHashMap<>();
    for (SlipwayService known : SlipwayService.ALL) {
      if (names.contains(known.name())) {
        List<SlipwayService> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          ports.add(new SlipwayService(known.name(), FreePort.pick(), known.database()));
        }
        started.put(known.name(), ports);
        postgres.createDatabase(known.database());
      }
    }
    var infrastructure =
        new Infrastructure(
            new DatabaseServer(
                "127.0.0.1", postgres.port(), postgres.username(), postgres.password()),
            kafkaStart.join().bootstrapServers(),
            kubernetesStart.join().kubeconfig(),
            TestOidcServer.shared().issuer());

    Map<String, List<Replica>> replicas = new LinkedHashMap<>();
    List<ChildProcess> processes = new ArrayList<>();
    Platform platform = new Platform(replicas, processes);
    try {
      for (List<SlipwayService> ports : started.values()) {
        for (int i = 0; i < ports.size(); i++) {
          SlipwayService service = ports.get(i);
          Map<String, String> env =
              new LinkedHashMap<>(ServiceEnvironment.of(service, infrastructure));
          env.putAll(backendUrls(started, i));
          if (service.name().equals("secret-service")) {
            env.put("SLIPWAY_SECRETS_MASTER_KEY", SECRETS_MASTER_KEY);
          }
          Path jar = service.jar(repoRoot);
          if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
          }
          String processName = i == 0 ? service.name() : service.name() + "-" + (i + 1);
          List<String> command =
              new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC"));
          settings
              .getOrDefault(service.name(), Map.of())
              .forEach((key, value) -> command.add("-D" + key + "=" + value));
          command.addAll(List.of("-jar", jar.toString()));
          ChildProcess process =
              ChildProcess.start(
                  processName,
                  command,
                  env,
                  repoRoot,
                  workDir.resolve("logs").resolve(processName + ".log"));
          processes.add(process);
          replicas
              .computeIfAbsent(service.name(), n -> new ArrayList<>())
              .add(new Replica(service.name(), i, service.url(), process));
        }
      }
      for (List<Replica> list : replicas.values()) {
        for (Replica replica : list) {
          awaitReady(replica);
        }
      }
      return platform;
    } catch (Exception e) {
      platform.close();
      throw e;
    }
  }

  /**
   * Every backend client URL, set explicitly: the launcher's defaults are the local run's fixed
   * ports, which another run may hold.
   */
  private static Map<String, String> backendUrls(
      Map<String, List<SlipwayService>> started, int replica) {
    Map<String, String> env = new LinkedHashMap<>();
    for (SlipwayService backend : SlipwayService.ALL) {
      List<SlipwayService> ports = started.get(backend.name());
      env.put(
          "QUARKUS_REST_CLIENT_"
              + backend.name().toUpperCase(Locale.ROOT).replace('-', '_')
              + "_URL",
          ports == null ? NOT_STARTED : ports.get(replica % ports.size()).url());
    }
    return env;
  }

  private static void awaitReady(Replica replica) throws InterruptedException {
    try {
      HttpReadiness.await(
          URI.create(replica.url() + "/q/health/ready"), READY, replica.process()::isAlive);
    } catch (HttpReadiness.NotReadyException e) {
      throw new IllegalStateException(
          replica.process().name()
              + " did not become ready: "
              + e.getMessage()
              + "\n"
              + replica.process().logTail(40),
          e);
    }
  }

  /** The first replica's URL. */
  public String url(String service) {
    return replicas(service).get(0).url();
  }

  public String gatewayUrl() {
    return url("api-gateway");
  }

  public List<Replica> replicas(String service) {
    return replicas.get(service);
  }

  public String token(String username, List<String> groups) {
    return TestOidcServer.shared().token(username, groups);
  }

  /** The first replica's log. */
  public Path log(String service) {
    return replicas(service).get(0).process().log();
  }

  @Override
  public void close() {
    processes.forEach(ChildProcess::requestStop);
    processes.forEach(p -> p.awaitStop(10));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The repository root, from a module's working directory. */
  public static Path repoRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IOException("not inside the Slipway repository");
    }
    return dir;
  }
}
