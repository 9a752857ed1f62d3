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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Slipway as it runs for real: each service its own process from its built jar, on free ports, over
 * the testkit's shared Kafka, PostgreSQL, Kubernetes API and OIDC provider. Used by the end-to-end
 * tests and the benchmarks. The service processes share the launcher's process management, so they
 * die with this JVM.
 */
public final class Platform implements AutoCloseable {

  private static final Duration READY = Duration.ofMinutes(3);

  private final Map<String, SlipwayService> services;
  private final List<ChildProcess> processes;

  private Platform(Map<String, SlipwayService> services, List<ChildProcess> processes) {
    this.services = services;
    this.processes = processes;
  }

  /** Starts the named services (module names, e.g. "api-gateway") from the repository's builds. */
  public static Platform start(Path repoRoot, Path workDir, List<String> names) throws Exception {
    var postgresStart = CompletableFuture.supplyAsync(EmbeddedPostgresServer::shared);
    var kafkaStart = CompletableFuture.supplyAsync(EmbeddedKafka::shared);
    var kubernetesStart = CompletableFuture.supplyAsync(LocalKubernetes::shared);
    EmbeddedPostgresServer postgres = postgresStart.join();
    Map<String, SlipwayService> services = new LinkedHashMap<>();
    for (SlipwayService known : SlipwayService.ALL) {
      if (names.contains(known.name())) {
        services.put(
            known.name(), new SlipwayService(known.name(), FreePort.pick(), known.database()));
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

    List<ChildProcess> processes = new ArrayList<>();
    Platform platform = new Platform(services, processes);
    try {
      for (SlipwayService service : services.values()) {
        Map<String, String> env =
            new LinkedHashMap<>(ServiceEnvironment.of(service, infrastructure));
        // The launcher's fixed ports are taken here: point the gateway at this run's services.
        for (SlipwayService backend : services.values()) {
          env.put(
              "QUARKUS_REST_CLIENT_" + backend.name().toUpperCase().replace('-', '_') + "_URL",
              backend.url());
        }
        Path jar = service.jar(repoRoot);
        if (!Files.exists(jar)) {
          throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
        }
        processes.add(
            ChildProcess.start(
                service.name(),
                List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                env,
                repoRoot,
                workDir.resolve("logs").resolve(service.name() + ".log")));
      }
      for (int i = 0; i < processes.size(); i++) {
        ChildProcess process = processes.get(i);
        SlipwayService service = services.get(process.name());
        try {
          HttpReadiness.await(
              URI.create(service.url() + "/q/health/ready"), READY, process::isAlive);
        } catch (HttpReadiness.NotReadyException e) {
          throw new IllegalStateException(
              service.name()
                  + " did not become ready: "
                  + e.getMessage()
                  + "\n"
                  + process.logTail(40),
              e);
        }
      }
      return platform;
    } catch (Exception e) {
      platform.close();
      throw e;
    }
  }

  public String url(String service) {
    return services.get(service).url();
  }

  public String gatewayUrl() {
    return url("api-gateway");
  }

  public String token(String username, List<String> groups) {
    return TestOidcServer.shared().token(username, groups);
  }

  public Path log(String service) {
    return processes.stream().filter(p -> p.name().equals(service)).findFirst().orElseThrow().log();
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
