package dev.slipway.bench;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.Platform;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 5 §9, in one run against the same servers: (a) one app deployed through Slipway (request
 * sent → operation SUCCEEDED, i.e. every object applied and recorded) beside {@code kubectl apply
 * --server-side -f} of the same manifests; (b) sustained deploys per second with p50/p99, {@code
 * clients} deploys in flight for {@code seconds}, beside a plain fabric8 server-side-apply loop of
 * the same objects with the same concurrency (the ceiling: the API server alone). Writes
 * bench/results/deploy-throughput.md.
 *
 * <p>Arguments: {@code [clients=16] [seconds=30] [single=20]}: with the servers' start, about three
 * minutes.
 */
public final class DeployThroughputBench {

  private static final String ENV = "throughput";
  private static final int WARMUP = 5;

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
    int single = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path root = Platform.repoRoot();
    Path work = Files.createTempDirectory("slipway-bench");
    // One user drives the load: the gateway's per-user and per-team rate limits (20/s and 100/s
    // by default) would answer 429 long before the deploy path is the limit.
    // The services log where each deploy's time went (DEBUG lines, see bench/README.md).
    Map<String, Map<String, String>> settings =
        Map.of(
            "api-gateway",
            Map.of(
                "slipway.limits.user-rate", "100000",
                "slipway.limits.user-burst", "100000",
                "slipway.limits.team-rate", "100000",
                "slipway.limits.team-burst", "100000",
                "quarkus.log.category.\"dev.slipway.gateway.messaging\".level", "DEBUG"),
            "deploy-service",
            Map.of(
                "quarkus.log.category.\"dev.slipway.deploy.service.DeployService\".level",
                "DEBUG"));
    try (Platform platform =
        Platform.start(
            root,
            work,
            List.of("api-gateway", "deploy-service", "environment-service"),
            1,
            settings)) {
      Api admin =
          new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
      var env =
          admin.post(
              "/api/v1/teams/bench/environments",
              "application/json",
              "{\"name\":\"" + ENV + "\",\"kind\":\"development\"}");
      admin.followOperation(env.body().path("operationId").asText(), Duration.ofSeconds(60));
      Api developer =
          new Api(platform.gatewayUrl(), platform.token("dev", List.of("/teams/bench/developer")));

      for (int i = 0; i < WARMUP; i++) {
        DeployLatencyBench.deploy(developer, ENV, "warmup-" + i);
      }
      // (a) one app at a time, the whole way, beside kubectl.
      List<Double> oneApp = new ArrayList<>();
      for (int i = 0; i < single; i++) {
        long start = System.nanoTime();
        DeployLatencyBench.deploy(developer, ENV, String.format("single-%03d", i));
        oneApp.add((System.nanoTime() - start) / 1e6);
      }
      List<Double> kubectl =
          DeployLatencyBench.kubectlBaseline("bench-" + ENV, "single-000", single, WARMUP, work);

      // (b) sustained, through Slipway and through fabric8 alone.
      Load slipway =
          run(
              clients,
              window,
              (client, n) -> {
                long start = System.nanoTime();
                DeployLatencyBench.deploy(developer, ENV, "load-" + client + "-" + n);
                return (System.nanoTime() - start) / 1e6;
              });
      List<HasMetadata> objects = DeployLatencyBench.appliedObjects("bench-" + ENV, "single-000");
      String yaml = objects.stream().map(DeployLatencyBench::portable).reduce("", String::concat);
      KubernetesClient kube = LocalKubernetes.shared().adminClient();
      Load ceiling =
          run(
              clients,
              window,
              (client, n) -> {
                String name = "ssa-" + client + "-" + n;
                List<HasMetadata> renamed =
                    kube.load(
                            new ByteArrayInputStream(
                                yaml.replace("single-000", name).getBytes(StandardCharsets.UTF_8)))
                        .items();
                long start = System.nanoTime();
                for (HasMetadata object : renamed) {
                  kube.resource(object)
                      .fieldManager("bench-ssa")
                      .forceConflicts()
                      .serverSideApply();
                }
                return (System.nanoTime() - start) / 1e6;
              });

      String report =
          report(
              clients,
              window,
              Percentiles.of(oneApp),
              Percentiles.of(kubectl),
              slipway,
              ceiling,
              objects.size());
      Path out = root.resolve("bench/results/deploy-throughput.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
    }
    System.exit(0);
  }

  interface Deploy {
    double once(int client, int n) throws Exception;
  }

  /** Deploys per second and their latencies, {@code clients} at a time for the window. */
  record Load(
      int completed, int failed, double seconds, Percentiles latency, List<String> reasons) {
    double perSecond() {
      return completed / seconds;
    }
  }

  private static Load run(int clients, Duration window, Deploy deploy) throws Exception {
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    // A failure is part of the result: the report names the first distinct reasons.
    List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long end = start + window.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      running.add(
          pool.submit(
              () -> {
                for (int n = 0; System.nanoTime() < end; n++) {
                  try {
                    millis.add(deploy.once(client, n));
                  } catch (Exception e) {
                    failed.incrementAndGet();
                    String reason = String.valueOf(e);
                    synchronized (reasons) {
                      if (reasons.size() < 3 && !reasons.contains(reason)) {
                        reasons.add(reason);
                      }
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Load(
        millis.size(), failed.get(), seconds, Percentiles.of(millis), List.copyOf(reasons));
  }

  private static String report(
      int clients,
      Duration window,
      Percentiles oneApp,
      Percentiles kubectl,
      Load slipway,
      Load ceiling,
      int objects) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.join(
        "\n",
        "## Deploy throughput (issue 5 §9)",
        "",
        "Measured "
            + LocalDate.now()
            + " on "
            + os.getAvailableProcessors()
            + " cores, "
            + DeployLatencyBench.cpuModel()
            + "; Slipway services, Kafka, PostgreSQL and the Kubernetes API on the same machine. "
            + "Each deploy is the web golden path ("
            + objects
            + " objects).",
        "",
        "(a) One app, sequentially:",
        "",
        "| what (ms) | n | p50 | p99 | mean | max |",
        "|---|---|---|---|---|---|",
        oneApp.row("Slipway: request sent → operation SUCCEEDED (all objects applied)"),
        kubectl.row("baseline: `kubectl apply --server-side -f` of the same objects"),
        "",
        String.format(
            "Ratio Slipway p50 / kubectl p50: %.2f (goal ≤ 0.5).", oneApp.p50() / kubectl.p50()),
        "",
        "(b) Sustained, " + clients + " deploys in flight for " + window.toSeconds() + " s:",
        "",
        "| what | deploys/s | failed | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
        row("Slipway: request sent → SUCCEEDED", slipway),
        row("ceiling: fabric8 server-side apply of the same objects", ceiling),
        "",
        "Goal: ≥ 200 deploys/s with p99 ≤ 250 ms.",
        failures("Slipway", slipway) + failures("ceiling", ceiling));
  }

  private static String failures(String what, Load load) {
    return load.reasons().isEmpty()
        ? ""
        : "\n" + what + "'s failures (first distinct): " + String.join("; ", load.reasons()) + "\n";
  }

  private static String row(String what, Load load) {
    return String.format(
        "| %s | %.1f | %d | %.0f | %.0f | %.0f |",
        what,
        load.perSecond(),
        load.failed(),
        load.latency().p50(),
        load.latency().p99(),
        load.latency().max());
  }
}
