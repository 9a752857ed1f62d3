package dev.slipway.reliability;

import dev.slipway.launcher.infra.DatabaseServer;
import dev.slipway.launcher.services.HttpReadiness;
import dev.slipway.launcher.services.Infrastructure;
import dev.slipway.launcher.services.ServiceEnvironment;
import dev.slipway.launcher.services.SlipwayService;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import dev.slipway.testkit.support.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slipway as processes, with every part the suite breaks within reach: each service and the Kafka
 * broker are child processes it can SIGKILL and restart on the same port, PostgreSQL is a server of
 * this run it can stop and start on the same data. A second replica of each service can join and
 * leave.
 */
public final class FaultPlatform implements AutoCloseable {

  static final List<String> SERVICES =
      List.of(
          "api-gateway",
          "deploy-service",
          "environment-service",
          "secret-service",
          "audit-service");

  /**
   * Where a kill of a service that applies to Kubernetes is aimed: the request path of an object it
   * applies after the first, so that the kill lands half-way through an apply.
   */
  static final Map<String, String> APPLYING =
      Map.of("deploy-service", "/services/", "environment-service", "/resourcequotas/");

  private static final Duration READY = Duration.ofMinutes(4);
  // A fixed key: secrets written before a restart of secret-service still open after it.
  private static final String MASTER_KEY = "c2xpcHdheS1yZWxpYWJpbGl0eS1rZXktMzItYnl0ZXM=";

  private final Path repoRoot;
  private final Path workDir;
  private final Path postgresDir;
  private final int postgresPort;
  private EmbeddedPostgresServer postgres;
  private final Restartable kafka;
  private final String kafkaBootstrap;
  private final Map<String, SlipwayService> services = new LinkedHashMap<>();
  private final Map<String, Restartable> processes = new LinkedHashMap<>();
  private final Map<String, Restartable> replicas = new LinkedHashMap<>();
  private KubernetesFaultProxy kubernetesProxy;
  private Path proxiedKubeconfig;

  private FaultPlatform(Path repoRoot, Path workDir) throws IOException {
    this.repoRoot = repoRoot;
    this.workDir = workDir;
    this.postgresDir = workDir.resolve("postgres");
    this.postgresPort = FreePort.pick();
    int kafkaPort = FreePort.pick();
    this.kafkaBootstrap = "127.0.0.1:" + kafkaPort;
    this.kafka =
        new Restartable(
            "kafka",
            List.of(
                javaBin(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                workDir.resolve("kafka-data").toString(),
                String.valueOf(kafkaPort)),
            Map.of(),
            repoRoot,
            workDir.resolve("logs").resolve("kafka.log"));
  }

  public static FaultPlatform start(Path repoRoot, Path workDir) throws Exception {
    FaultPlatform platform = new FaultPlatform(repoRoot, workDir);
    try {
      platform.startPostgres();
      platform.startKafka();
      Path kubeconfig = LocalKubernetes.shared().kubeconfig();
      platform.kubernetesProxy = KubernetesFaultProxy.start(kubeconfig, FreePort.pick());
      platform.proxiedKubeconfig =
          platform.kubernetesProxy.kubeconfig(kubeconfig, workDir.resolve("kubeconfig"));
      for (SlipwayService known : SlipwayService.ALL) {
        if (SERVICES.contains(known.name())) {
          platform.services.put(
              known.name(), new SlipwayService(known.name(), FreePort.pick(), known.database()));
          platform.postgres.createDatabase(known.database());
        }
      }
      for (SlipwayService service : platform.services.values()) {
        Restartable process = platform.serviceProcess(service.name(), service.port());
        platform.processes.put(service.name(), process);
        process.start();
      }
      for (String name : SERVICES) {
        platform.awaitReady(name);
      }
      return platform;
    } catch (Exception e) {
      platform.close();
      throw e;
    }
  }

  private Restartable serviceProcess(String processName, int port) {
    SlipwayService service = services.get(baseName(processName));
    SlipwayService onPort = new SlipwayService(service.name(), port, service.database());
    var infrastructure =
        new Infrastructure(
            new DatabaseServer("127.0.0.1", postgresPort, postgres.username(), postgres.password()),
            kafkaBootstrap,
            proxiedKubeconfig,
            TestOidcServer.shared().issuer());
    Map<String, String> env = new LinkedHashMap<>(ServiceEnvironment.of(onPort, infrastructure));
    for (SlipwayService backend : services.values()) {
      env.put(
          "QUARKUS_REST_CLIENT_" + backend.name().toUpperCase().replace('-', '_') + "_URL",
          backend.url());
    }
    env.put("SLIPWAY_SECRETS_MASTER_KEY", MASTER_KEY);
    return new Restartable(
        processName,
        List.of(
            javaBin(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            service.jar(repoRoot).toString()),
        env,
        repoRoot,
        workDir.resolve("logs").resolve(processName + ".log"));
  }

  private static String baseName(String processName) {
    return processName.replaceFirst("-replica$", "");
  }

  // --- the service processes ---

  public String gatewayUrl() {
    return services.get("api-gateway").url();
  }

  /** The URLs the load may use for the gateway: its replica's too while one runs. */
  public synchronized List<String> gatewayUrls() {
    List<String> urls = new ArrayList<>(List.of(gatewayUrl()));
    Restartable replica = replicas.get("api-gateway");
    if (replica != null) {
      urls.add(replicaUrl("api-gateway"));
    }
    return urls;
  }

  public String token(String username, List<String> groups) {
    return TestOidcServer.shared().token(username, groups);
  }

  public void killService(String name) throws Exception {
    processes.get(name).kill9();
  }

  public void restartService(String name) throws Exception {
    processes.get(name).start();
    awaitReady(name);
  }

  /** Starts a second replica of each service named, on its own port, sharing database and group. */
  public synchronized void startReplicas(List<String> names) throws Exception {
    for (String name : names) {
      Restartable replica = serviceProcess(name + "-replica", replicaPort(name));
      replicas.put(name, replica);
      replica.start();
    }
    for (String name : names) {
      await(replicas.get(name), replicaUrl(name));
    }
  }

  /**
   * Stops the replicas together (each gets its grace period at the same time). As Kubernetes takes
   * a terminating pod out of its Service's endpoints, the load stops choosing the gateway replica
   * first; the requests it is answering drain (quarkus.shutdown.timeout).
   */
  public void stopReplicas() {
    List<Restartable> stopping;
    synchronized (this) {
      stopping = List.copyOf(replicas.values());
      replicas.clear();
    }
    stopping.parallelStream().forEach(Restartable::stop);
  }

  private final Map<String, Integer> replicaPorts = new LinkedHashMap<>();

  private int replicaPort(String name) {
    return replicaPorts.computeIfAbsent(name, n -> FreePort.pick());
  }

  private String replicaUrl(String name) {
    return "http://127.0.0.1:" + replicaPort(name);
  }

  private void awaitReady(String name) throws Exception {
    await(processes.get(name), services.get(name).url());
  }

  private static void await(Restartable process, String url) throws Exception {
    try {
      HttpReadiness.await(URI.create(url + "/q/health/ready"), READY, process::isAlive);
    } catch (HttpReadiness.NotReadyException e) {
      throw new IllegalStateException(
          process.name() + " did not become ready: " + e.getMessage() + "\n" + process.logTail(60),
          e);
    }
  }

  public Path log(String processName) {
    return workDir.resolve("logs").resolve(processName + ".log");
  }

  /** Every service reaches the Kubernetes API through this proxy. */
  public KubernetesFaultProxy kubernetesProxy() {
    return kubernetesProxy;
  }

  // --- Kafka ---

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public void killKafka() throws Exception {
    kafka.kill9();
  }

  public void startKafka() throws Exception {
    kafka.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Files.readString(kafka.log()).contains("READY")) {
      if (!kafka.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka did not start:\n" + kafka.logTail(60));
      }
      Thread.sleep(200);
    }
  }

  // --- PostgreSQL ---

  public void stopPostgres() {
    postgres.stop();
  }

  public void startPostgres() {
    postgres = EmbeddedPostgresServer.start(postgresDir, postgresPort);
  }

  /** A JDBC connection to a service's database, for the invariants. */
  public Connection database(String service) throws SQLException {
    return postgres.connect(services.get(service).database());
  }

  @Override
  public void close() {
    stopReplicas();
    List<Restartable> running = new ArrayList<>(processes.values());
    java.util.Collections.reverse(running);
    running.forEach(Restartable::stop);
    kafka.stop();
    if (kubernetesProxy != null) {
      try {
        kubernetesProxy.close();
      } catch (IOException e) {
        // Closing a loopback socket; nothing to do about it at the end of the run.
      }
    }
    if (postgres != null) {
      postgres.stop();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
