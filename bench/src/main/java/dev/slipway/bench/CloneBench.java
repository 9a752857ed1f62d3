package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.e2e.Api;
import dev.slipway.e2e.Platform;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Clone-to-fully-applied platform time (issue 6 §3): for N = 1, 10, 20, 100 apps in a source
 * environment, {@code POST .../clone} → 202 → the operation's SSE stream until SUCCEEDED
 * (EnvironmentCloneCompleted: the namespace made, every app deployed by deploy-service and
 * applied). Baseline, in the same run against the same API server: one {@code kubectl apply
 * --server-side -f} of the same objects (the clone's namespace, its quota, limits, policies,
 * bindings and every app's objects, server fields removed) into a fresh namespace. Writes
 * bench/results/clone.md.
 */
public final class CloneBench {

  private static final String JSON = "application/json";
  private static final String TEAM = "clonebench";

  /** What an environment holds: group/version, plural, kind. */
  private static final List<String[]> KINDS =
      List.of(
          new String[] {"v1", "namespaces", "Namespace"},
          new String[] {"v1", "resourcequotas", "ResourceQuota"},
          new String[] {"v1", "limitranges", "LimitRange"},
          new String[] {"v1", "services", "Service"},
          new String[] {"v1", "configmaps", "ConfigMap"},
          new String[] {"apps/v1", "deployments", "Deployment"},
          new String[] {"autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"},
          new String[] {"policy/v1", "poddisruptionbudgets", "PodDisruptionBudget"},
          new String[] {"networking.k8s.io/v1", "networkpolicies", "NetworkPolicy"},
          new String[] {"rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding"});

  /**
   * One clone, by the client's clock (202 → SUCCEEDED) and split by the platform's timestamps: the
   * operation's creation → the clone's environment row (environment-service made the namespace and
   * its objects) → the operation's SUCCEEDED (deploy-service applied and recorded every app).
   */
  record Timing(double millis, double namespaceMillis, double appsMillis) {}

  /** One size: the platform's time and kubectl's for the same objects. */
  record Row(int apps, int objects, Timing slipway, double kubectlMillis) {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      // The platform's threads would keep the JVM alive after a failure.
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    List<Integer> sizes =
        args.length > 0
            ? Stream.of(args[0].split(",")).map(Integer::parseInt).toList()
            : List.of(1, 10, 20, 100);
    Path root = Platform.repoRoot();
    Path work = Files.createTempDirectory("slipway-clone-bench");
    try (Platform platform =
        Platform.start(
            root, work, List.of("api-gateway", "deploy-service", "environment-service"))) {
      Api lead =
          new Api(
              platform.gatewayUrl(),
              platform.token("lead", List.of("/teams/" + TEAM + "/tech-lead")));
      // Warm-up: one clone of one app, not reported.
      source(lead, "warm", 1);
      clone(lead, "warm", "warm-copy");
      List<Row> rows = new ArrayList<>();
      for (int n : sizes) {
        String source = "src-" + n;
        source(lead, source, n);
        String target = "copy-" + n;
        Timing slipway = clone(lead, source, target);
        String yaml = portableObjectsOf(TEAM + "-" + target, "base-" + n);
        int objects = (int) yaml.lines().filter(l -> l.equals("---")).count();
        double kubectl = kubectlApply(work, yaml, n);
        rows.add(new Row(n, objects, slipway, kubectl));
        System.out.printf(
            "%d apps: slipway %.0f ms (namespace %.0f, apps %.0f), kubectl %.0f ms%n",
            n, slipway.millis(), slipway.namespaceMillis(), slipway.appsMillis(), kubectl);
        // Written after each size: a long run stopped midway keeps what it measured.
        Path out = root.resolve("bench/results/clone.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report(rows));
      }
      System.out.println(report(rows));
    }
  }

  /** A development environment with {@code n} web apps, each deployed and applied. */
  private static void source(Api lead, String env, int n) throws Exception {
    var created =
        lead.post(
            "/api/v1/teams/" + TEAM + "/environments",
            JSON,
            "{\"name\":\"" + env + "\",\"kind\":\"development\"}");
    expectSucceeded(lead, created, "create " + env, Duration.ofSeconds(120));
    List<String> operations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var answer =
          lead.post(
              "/api/v1/teams/" + TEAM + "/environments/" + env + "/apps",
              JSON,
              String.format(
                  "{\"name\":\"app-%03d\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}",
                  i));
      if (answer.status() != 202) {
        throw new IllegalStateException(
            "deploy answered " + answer.status() + ": " + answer.raw().body());
      }
      operations.add(answer.body().path("operationId").asText());
    }
    for (String operation : operations) {
      last(lead, operation, "deploy into " + env, Duration.ofSeconds(600));
    }
  }

  /** Clones with one replica per app (as previews do); answers 202 → SUCCEEDED in ms. */
  private static Timing clone(Api lead, String source, String target) throws Exception {
    long start = System.nanoTime();
    var answer =
        lead.post(
            "/api/v1/teams/" + TEAM + "/environments/" + source + "/clone",
            JSON,
            "{\"name\":\""
                + target
                + "\",\"kind\":\"development\",\"overrides\":{\"replicas\":1}}");
    long accepted = System.nanoTime();
    JsonNode succeeded = expectSucceeded(lead, answer, "clone " + source, Duration.ofSeconds(600));
    long done = System.nanoTime();
    if ((accepted - start) / 1e6 > 1_000) {
      System.out.printf("(the clone's 202 itself took %.0f ms)%n", (accepted - start) / 1e6);
    }
    Instant created = Instant.parse(succeeded.path("createdAt").asText());
    Instant finished = Instant.parse(succeeded.path("updatedAt").asText());
    Instant namespaceReady =
        Instant.parse(
            lead.get("/api/v1/teams/" + TEAM + "/environments/" + target)
                .body()
                .path("createdAt")
                .asText());
    return new Timing(
        (done - accepted) / 1e6,
        Duration.between(created, namespaceReady).toNanos() / 1e6,
        Duration.between(namespaceReady, finished).toNanos() / 1e6);
  }

  private static JsonNode expectSucceeded(Api api, Api.Answer answer, String what, Duration timeout)
      throws Exception {
    if (answer.status() != 202) {
      throw new IllegalStateException(
          what + " answered " + answer.status() + ": " + answer.raw().body());
    }
    return last(api, answer.body().path("operationId").asText(), what, timeout);
  }

  /** The operation's final state, which must be SUCCEEDED. */
  private static JsonNode last(Api api, String operation, String what, Duration timeout)
      throws Exception {
    JsonNode last;
    try {
      List<JsonNode> states = api.followOperation(operation, timeout);
      last = states.isEmpty() ? null : states.get(states.size() - 1);
    } catch (IOException e) {
      // A stream cut by a loaded machine (seen at load ~70): read the operation until it ends.
      last = poll(api, operation, timeout);
    }
    String state = last == null ? "none" : last.path("state").asText();
    if (!"SUCCEEDED".equals(state)) {
      throw new IllegalStateException(what + " ended " + state + ": " + last);
    }
    return last;
  }

  private static JsonNode poll(Api api, String operation, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode view = null;
    while (System.nanoTime() < deadline) {
      view = api.get("/api/v1/operations/" + operation).body();
      String state = view == null ? "" : view.path("state").asText();
      if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("REJECTED")) {
        return view;
      }
      Thread.sleep(100);
    }
    return view;
  }

  /** Everything the clone has in its namespace, as a user would write it, moved to {@code to}. */
  private static String portableObjectsOf(String namespace, String to) {
    KubernetesClient client = LocalKubernetes.shared().adminClient();
    StringBuilder yaml = new StringBuilder();
    for (String[] kind : KINDS) {
      String groupVersion = kind[0];
      String group =
          groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
      String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
      String plural = kind[1];
      var context =
          new ResourceDefinitionContext.Builder()
              .withGroup(group)
              .withVersion(version)
              .withPlural(plural)
              .withNamespaced(!plural.equals("namespaces"))
              .build();
      List<GenericKubernetesResource> items =
          plural.equals("namespaces")
              ? List.of(client.genericKubernetesResources(context).withName(namespace).get())
              : client
                  .genericKubernetesResources(context)
                  .inNamespace(namespace)
                  .withLabel("app.kubernetes.io/managed-by", "slipway")
                  .list()
                  .getItems();
      for (GenericKubernetesResource item : items) {
        // Items of a list come without their type.
        item.setApiVersion(groupVersion);
        item.setKind(kind[2]);
        yaml.append(portable(item, namespace, to));
      }
    }
    return yaml.toString();
  }

  private static String portable(HasMetadata object, String from, String to) {
    var meta = object.getMetadata();
    meta.setManagedFields(null);
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    meta.setAnnotations(null);
    ObjectNode tree = Serialization.jsonMapper().valueToTree(object);
    tree.remove("status");
    if ("Service".equals(object.getKind())) {
      ((ObjectNode) tree.path("spec")).remove(List.of("clusterIP", "clusterIPs"));
    }
    if ("Namespace".equals(object.getKind())) {
      tree.remove("spec");
    }
    return Serialization.asYaml(tree).replace(from, to);
  }

  /** One {@code kubectl apply --server-side} of all the objects: a user's fastest way. */
  private static double kubectlApply(Path work, String yaml, int n) throws Exception {
    LocalKubernetes cluster = LocalKubernetes.shared();
    Path file = work.resolve("clone-" + n + ".yaml");
    Files.writeString(file, yaml);
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
    return (System.nanoTime() - start) / 1e6;
  }

  private static String report(List<Row> rows) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    List<String> lines = new ArrayList<>();
    lines.add("## Clone to fully applied (issue 6 §3)");
    lines.add("");
    lines.add(
        "Measured "
            + LocalDate.now()
            + " on "
            + os.getAvailableProcessors()
            + " cores, "
            + cpuModel()
            + ", load average "
            + String.format("%.1f", os.getSystemLoadAverage())
            + " at the end; Slipway services, Kafka, PostgreSQL and the Kubernetes API on the same machine.");
    lines.add("");
    lines.add(
        "| apps | objects | Slipway: 202 → SUCCEEDED (ms) | of which: namespace made (ms) | apps applied (ms) | baseline: one `kubectl apply --server-side` (ms) | ratio |");
    lines.add("|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      lines.add(
          String.format(
              "| %d | %d | %.0f | %.0f | %.0f | %.0f | %.1f× |",
              row.apps(),
              row.objects(),
              row.slipway().millis(),
              row.slipway().namespaceMillis(),
              row.slipway().appsMillis(),
              row.kubectlMillis(),
              row.slipway().millis() / row.kubectlMillis()));
    }
    lines.add("");
    lines.add(
        "Slipway's time: the gateway's outbox → Kafka → environment-service (namespace, quota,"
            + " limits, policies, bindings by server-side apply) → EnvironmentCloned → deploy-service"
            + " (every app rendered, checked by guard rails and applied, several at once, recorded"
            + " in batches; ADR 0023) → EnvironmentCloneCompleted → the gateway's operation. The two"
            + " middle columns split it by the platform's timestamps (operation created → the"
            + " clone's environment row → operation SUCCEEDED). Goal: 20 apps < 5 s.");
    lines.add("");
    return String.join("\n", lines);
  }

  private static String cpuModel() {
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

  private CloneBench() {}
}
