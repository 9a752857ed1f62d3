package dev.slipway.bench;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.Platform;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deploy latency: N sequential deploys through the gateway (202 accepted → operation SUCCEEDED,
 * i.e. DeployCompleted processed), beside {@code kubectl apply --server-side -f} of the same
 * manifests to the same API server, in the same run. Writes a Markdown table to
 * bench/results/deploy-latency.md.
 */
public final class DeployLatencyBench {

  private static final int WARMUP = 10;
  private static final String JSON = "application/json";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path root = Platform.repoRoot();
    Path work = Files.createTempDirectory("slipway-bench");
    try (Platform platform =
        Platform.start(
            root, work, List.of("api-gateway", "deploy-service", "environment-service"))) {
      Api admin =
          new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
      var env =
          admin.post(
              "/api/v1/teams/bench/environments",
              JSON,
              "{\"name\":\"latency\",\"kind\":\"development\"}");
      admin.followOperation(env.body().path("operationId").asText(), Duration.ofSeconds(60));
      Api developer =
          new Api(platform.gatewayUrl(), platform.token("dev", List.of("/teams/bench/developer")));

      for (int i = 0; i < WARMUP; i++) {
        deploy(developer, "warmup-" + i);
      }
      List<Double> accepted = new ArrayList<>();
      List<Double> endToEnd = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        long acceptedAt = deploy(developer, String.format("app-%03d", i));
        long done = System.nanoTime();
        accepted.add((done - acceptedAt) / 1e6);
        endToEnd.add((done - start) / 1e6);
      }

      List<Double> kubectl = kubectlBaseline("bench-latency", "app-000", runs, WARMUP, work);
      String report =
          report(runs, Percentiles.of(accepted), Percentiles.of(endToEnd), Percentiles.of(kubectl));
      Path out = root.resolve("bench/results/deploy-latency.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
    }
    System.exit(0);
  }

  /** Deploys one app and waits for SUCCEEDED; answers the time the 202 arrived. */
  private static long deploy(Api api, String app) throws IOException, InterruptedException {
    return deploy(api, "latency", app);
  }

  /** Deploys one app to team bench's environment {@code env}; answers when the 202 arrived. */
  static long deploy(Api api, String env, String app) throws IOException, InterruptedException {
    var answer =
        api.post(
            "/api/v1/teams/bench/environments/" + env + "/apps",
            JSON,
            "{\"name\":\""
                + app
                + "\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}");
    long acceptedAt = System.nanoTime();
    if (answer.status() != 202) {
      throw new IllegalStateException(
          "deploy of " + app + " answered " + answer.status() + ": " + answer.raw().body());
    }
    var states =
        api.followOperation(answer.body().path("operationId").asText(), Duration.ofSeconds(60));
    String last = states.get(states.size() - 1).path("state").asText();
    if (!"SUCCEEDED".equals(last)) {
      throw new IllegalStateException(app + " ended " + last + ": " + states);
    }
    return acceptedAt;
  }

  /**
   * The objects Slipway applied for {@code app} in {@code namespace}, as a user would write them
   * (no server fields), renamed per apply by the caller.
   */
  static List<HasMetadata> appliedObjects(String namespace, String app) {
    LocalKubernetes cluster = LocalKubernetes.shared();
    KubernetesClient client = cluster.adminClient();
    List<HasMetadata> objects = new ArrayList<>();
    String selector = "app.kubernetes.io/name";
    Stream.of(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(selector, app)
                .list()
                .getItems(),
            client.services().inNamespace(namespace).withLabel(selector, app).list().getItems(),
            client.configMaps().inNamespace(namespace).withLabel(selector, app).list().getItems(),
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(namespace)
                .withLabel(selector, app)
                .list()
                .getItems(),
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withLabel(selector, app)
                .list()
                .getItems(),
            client
                .network()
                .networkPolicies()
                .inNamespace(namespace)
                .withLabel(selector, app)
                .list()
                .getItems())
        .flatMap(List::stream)
        .forEach(objects::add);
    if (objects.isEmpty()) {
      throw new IllegalStateException(app + "'s objects are not in the cluster");
    }
    return objects;
  }

  /**
   * The same objects Slipway applied for {@code app}, renamed, applied by kubectl one file each.
   */
  static List<Double> kubectlBaseline(String namespace, String app, int runs, int warmup, Path work)
      throws Exception {
    LocalKubernetes cluster = LocalKubernetes.shared();
    String yaml =
        appliedObjects(namespace, app).stream()
            .map(DeployLatencyBench::portable)
            .reduce("", String::concat);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs + warmup; i++) {
      Path file = work.resolve("kubectl-" + i + ".yaml");
      Files.writeString(file, yaml.replace(app, String.format("kubectl-%03d", i)));
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(
                  cluster.binaries().kubectl().toString(),
                  "--kubeconfig",
                  cluster.kubeconfig().toString(),
                  "apply",
                  "--server-side",
                  "--field-manager=kubectl-bench",
                  "-f",
                  file.toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("kubectl.log").toFile())
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            "kubectl apply failed: " + Files.readString(work.resolve("kubectl.log")));
      }
      if (i >= warmup) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    return millis;
  }

  /** The object as a user would write it: no server-populated fields. */
  static String portable(HasMetadata object) {
    var meta = object.getMetadata();
    meta.setManagedFields(null);
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    meta.setAnnotations(null);
    var tree = Serialization.jsonMapper().valueToTree(object);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("status");
    if ("Service".equals(object.getKind())) {
      var spec = (com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec");
      spec.remove(List.of("clusterIP", "clusterIPs"));
    }
    return Serialization.asYaml(tree);
  }

  private static String report(
      int runs, Percentiles accepted, Percentiles endToEnd, Percentiles kubectl) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.join(
        "\n",
        "## Deploy latency (" + runs + " sequential deploys of the web golden path)",
        "",
        "Measured "
            + LocalDate.now()
            + " on "
            + os.getAvailableProcessors()
            + " cores, "
            + cpuModel()
            + ", "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB max heap for the bench JVM; "
            + "Slipway services, Kafka, PostgreSQL and the Kubernetes API on the same machine.",
        "",
        "| what (ms) | n | p50 | p99 | mean | max |",
        "|---|---|---|---|---|---|",
        accepted.row("Slipway: 202 accepted → operation SUCCEEDED (DeployCompleted)"),
        endToEnd.row("Slipway: request sent → operation SUCCEEDED"),
        kubectl.row("baseline: `kubectl apply --server-side -f` of the same objects"),
        "",
        "Slipway's time includes the outbox relay, Kafka, rendering, guard rails, the server-side applies of every object, the revision "
            + "transaction, the result's relay and the gateway's operation update; kubectl's includes its process start.",
        "");
  }

  static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
