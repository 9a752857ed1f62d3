package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Container logs of the pods on the simulated node. kwok answers the kubelet's {@code
 * containerLogs} from files named by its {@code Logs} (one pod) and {@code ClusterLogs} (every pod)
 * objects, with the kubelet's own log reader: so {@code pods/log} through the API server ({@code
 * kubectl logs}, fabric8, Slipway's log routes) answers these lines with real {@code tailLines},
 * {@code sinceTime}, {@code timestamps}, {@code limitBytes} and {@code follow}.
 *
 * <p>Files are in the CRI log format ({@code <RFC 3339 time> stdout F <message>}) under {@code
 * <data dir>/pod-logs/<namespace>/<pod>/<container>.log}. A pod without lines of its own answers
 * the one line of {@code pod-logs/simulated.log} (the local run's pods, which run no container).
 */
public final class SimulatedPodLogs {
  static final String API_VERSION = "kwok.x-k8s.io/v1alpha1";
  static final String DEFAULT_LOGS = "slipway-simulated-pods";
  private static final String FIELD_MANAGER = "slipway-testkit";
  private static final List<String> CRDS =
      List.of("kwok-logs-crd.yaml", "kwok-clusterlogs-crd.yaml");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient admin;
  private final Path dir;

  SimulatedPodLogs(KubernetesClient admin, Path dataDir) {
    this.admin = admin;
    this.dir = dataDir.resolve("pod-logs");
  }

  /** One line of a container's log. */
  public record Line(Instant time, String message) {
    public static Line at(String rfc3339, String message) {
      return new Line(Instant.parse(rfc3339), message);
    }

    String cri() {
      return time + " stdout F " + message + "\n";
    }
  }

  /**
   * The pod logs of this JVM's local cluster. Fails on a real cluster ({@code KUBECONFIG}): its
   * kubelets log what runs, nothing a test writes.
   */
  public static SimulatedPodLogs local() {
    KubernetesCluster cluster = ClusterLocator.locate();
    if (cluster instanceof LocalKubernetes local) {
      return local.podLogs();
    }
    throw new IllegalStateException(
        "simulated pod logs need the local cluster's kwok, not " + cluster.apiServerUrl());
  }

  /**
   * Appends lines to one container's log and returns once the API server serves them: the first
   * lines of a pod wait until kwok has seen its {@code Logs} object and the pod is on the node.
   */
  public synchronized void append(String namespace, String pod, String container, Line... lines) {
    Path file = dir.resolve(namespace).resolve(pod).resolve(container + ".log");
    try {
      boolean known = Files.exists(file);
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder();
      for (Line line : lines) {
        text.append(line.cri());
      }
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (!known) {
        declare(namespace, pod, file.getParent());
        if (lines.length > 0) {
          awaitServed(namespace, pod, container, lines[lines.length - 1].message());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Binds a pod the scheduler leaves pending (e.g. a node selector no node has) to the simulated
   * node, as the scheduler would: kwok then runs it and serves its logs.
   */
  public void schedule(String namespace, String pod) {
    admin
        .bindings()
        .inNamespace(namespace)
        .resource(
            new BindingBuilder()
                .withNewMetadata()
                .withName(pod)
                .withNamespace(namespace)
                .endMetadata()
                .withNewTarget()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(SimulatedNode.NAME)
                .endTarget()
                .build())
        .create();
  }

  /** The kwok CRDs, the default log file and the ClusterLogs naming it; before kwok starts. */
  static void install(KubernetesClient admin, Path dataDir) throws IOException {
    for (String crd : CRDS) {
      try (InputStream in = SimulatedPodLogs.class.getResourceAsStream(crd)) {
        if (in == null) {
          throw new IOException(crd + " missing from the testkit jar");
        }
        for (HasMetadata item : admin.load(in).items()) {
          admin.resource(item).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
          awaitEstablished(admin, item.getMetadata().getName());
        }
      }
    }
    Path file = Files.createDirectories(dataDir.resolve("pod-logs")).resolve("simulated.log");
    if (!Files.exists(file)) {
      Files.writeString(
          file,
          new Line(
                  Instant.now(),
                  "[kwok] simulated pod on the local cluster: no container runs, so this is its"
                      + " only log line")
              .cri());
    }
    GenericKubernetesResource everyPod =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("ClusterLogs")
            .withNewMetadata()
            .withName(DEFAULT_LOGS)
            .endMetadata()
            .addToAdditionalProperties(
                "spec", Map.of("logs", List.of(Map.of("logsFile", file.toString()))))
            .build();
    admin.resource(everyPod).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** The pod's Logs object: one entry per container file. */
  private void declare(String namespace, String pod, Path podDir) throws IOException {
    List<Map<String, Object>> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(podDir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".log")) {
          entries.add(
              Map.of(
                  "containers",
                  List.of(name.substring(0, name.length() - ".log".length())),
                  "logsFile",
                  f.toString()));
        }
      }
    }
    GenericKubernetesResource logs =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("Logs")
            .withNewMetadata()
            .withName(pod)
            .withNamespace(namespace)
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("logs", entries))
            .build();
    admin.resource(logs).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private void awaitServed(String namespace, String pod, String container, String last) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String seen = "nothing";
    while (System.nanoTime() < deadline) {
      try {
        String log =
            admin
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .inContainer(container)
                .tailingLines(1)
                .getLog();
        if (log != null && log.contains(last)) {
          return;
        }
        seen = String.valueOf(log);
      } catch (KubernetesClientException e) {
        // not scheduled yet, or kwok has not seen the Logs object yet
        seen = e.getMessage();
      }
      sleep();
    }
    throw new IllegalStateException(
        "pods/log of "
            + namespace
            + "/"
            + pod
            + "/"
            + container
            + " did not serve the written lines within "
            + TIMEOUT.toSeconds()
            + " s; last answer: "
            + seen);
  }

  private static void awaitEstablished(KubernetesClient admin, String name) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      CustomResourceDefinition crd =
          admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
      if (crd != null
          && crd.getStatus() != null
          && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()))) {
        return;
      }
      sleep();
    }
    throw new IllegalStateException("CRD " + name + " not established within " + TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
