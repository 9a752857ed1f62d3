package dev.slipway.cost.kubernetes.client;

import dev.slipway.cost.client.PrometheusUsage;
import dev.slipway.cost.domain.Capacity;
import dev.slipway.cost.domain.NamespaceRef;
import dev.slipway.cost.domain.PodRequest;
import dev.slipway.cost.domain.UsageSnapshot;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads what costs money from the Kubernetes API (blocking; call it through BlockingCalls):
 * Slipway's namespaces, their scheduled pods' requests (with their usage when Prometheus is
 * configured) and the nodes' allocatable capacity.
 */
@ApplicationScoped
public class UsageReader {

  private static final Logger LOG = Logger.getLogger(UsageReader.class);
  private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  private final KubernetesClient client;
  private final PrometheusUsage prometheus;

  public UsageReader(KubernetesClient client, PrometheusUsage prometheus) {
    this.client = client;
    this.prometheus = prometheus;
  }

  public UsageSnapshot snapshot(Instant at) {
    Map<String, NamespaceRef> namespaces = new LinkedHashMap<>();
    for (Namespace ns :
        client
            .namespaces()
            .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
            .list()
            .getItems()) {
      Map<String, String> labels = ns.getMetadata().getLabels();
      String team = labels.get(Labels.TEAM);
      String environment = labels.get(Labels.ENVIRONMENT);
      if (team != null && environment != null && ns.getMetadata().getDeletionTimestamp() == null) {
        String name = ns.getMetadata().getName();
        namespaces.put(name, new NamespaceRef(name, team, environment));
      }
    }
    Map<String, PrometheusUsage.Usage> usage = prometheus.at(at);
    List<PodRequest> pods = new ArrayList<>();
    for (NamespaceRef ns : namespaces.values()) {
      for (Pod pod : client.pods().inNamespace(ns.namespace()).list().getItems()) {
        if (holdsResources(pod)) {
          PodRequest request = request(ns, pod);
          PrometheusUsage.Usage used = usage.get(ns.namespace() + "/" + request.pod());
          pods.add(used == null ? request : request.withUsage(used.cpuCores(), used.memoryGib()));
        }
      }
    }
    return new UsageSnapshot(at, List.copyOf(namespaces.values()), pods, capacity());
  }

  /** Only pods bound to a node and not finished reserve capacity, as the scheduler counts them. */
  static boolean holdsResources(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getSpec().getNodeName() != null
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  static PodRequest request(NamespaceRef ns, Pod pod) {
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    for (Container c : pod.getSpec().getContainers()) {
      cpu = cpu.add(amount(c, "cpu"));
      memory = memory.add(amount(c, "memory"));
    }
    // An init container runs alone: the pod reserves the larger of it and the sum of the others.
    for (Container c : pod.getSpec().getInitContainers()) {
      cpu = cpu.max(amount(c, "cpu"));
      memory = memory.max(amount(c, "memory"));
    }
    String app =
        pod.getMetadata().getLabels() == null
            ? null
            : pod.getMetadata().getLabels().get(Labels.NAME);
    String created = pod.getMetadata().getCreationTimestamp();
    return new PodRequest(
        pod.getMetadata().getUid(),
        ns.namespace(),
        ns.team(),
        ns.environment(),
        app == null ? "" : app,
        pod.getMetadata().getName(),
        created == null ? null : Instant.parse(created),
        cpu,
        memory.divide(BYTES_PER_GIB, MathContext.DECIMAL64));
  }

  private static BigDecimal amount(Container c, String resource) {
    if (c.getResources() == null || c.getResources().getRequests() == null) {
      return BigDecimal.ZERO;
    }
    Quantity q = c.getResources().getRequests().get(resource);
    return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
  }

  /** Null when the nodes cannot be read (RBAC, or a cluster that hides them): no idle report. */
  private Capacity capacity() {
    try {
      List<Node> nodes = client.nodes().list().getItems();
      if (nodes.isEmpty()) {
        return null;
      }
      BigDecimal cpu = BigDecimal.ZERO;
      BigDecimal memory = BigDecimal.ZERO;
      for (Node node : nodes) {
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
        if (allocatable == null) {
          continue;
        }
        if (allocatable.get("cpu") != null) {
          cpu = cpu.add(allocatable.get("cpu").getNumericalAmount());
        }
        if (allocatable.get("memory") != null) {
          memory = memory.add(allocatable.get("memory").getNumericalAmount());
        }
      }
      return new Capacity(cpu, memory.divide(BYTES_PER_GIB, MathContext.DECIMAL64));
    } catch (KubernetesClientException e) {
      LOG.warnf("nodes not readable (%s): no idle cost for this sample", e.getCode());
      return null;
    }
  }
}
