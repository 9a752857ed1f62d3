package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * The one node of the local cluster, simulated by kwok: the scheduler places pods on it, kwok marks
 * them Running and Ready without running any container. Sized so that a few teams' environments
 * with the golden paths' requests fit, while quotas still mean something.
 */
final class SimulatedNode {
  static final String NAME = "kwok-node-0";
  static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";

  private SimulatedNode() {}

  /**
   * Applies the node and points its kubelet endpoint at kwok's server ({@code kubeletPort}): kwok
   * writes that port only when it initialises a node, and a restarted local run may have another.
   */
  static void apply(KubernetesClient admin, int kubeletPort) {
    Map<String, Quantity> capacity =
        Map.of(
            "cpu", new Quantity("32"),
            "memory", new Quantity("128Gi"),
            "pods", new Quantity("250"));
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(NAME)
            // kwok's own convention for the nodes it fakes (it also manages all nodes here).
            .addToAnnotations(KWOK_ANNOTATION, "fake")
            .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
            .addToLabels("kubernetes.io/hostname", NAME)
            .addToLabels("kubernetes.io/os", "linux")
            .addToLabels("kubernetes.io/arch", "amd64")
            .addToLabels("type", "kwok")
            .endMetadata()
            .withNewStatus()
            .withCapacity(capacity)
            .withAllocatable(capacity)
            .endStatus()
            .build();
    admin.resource(node).fieldManager("slipway-local").forceConflicts().serverSideApply();
    admin
        .nodes()
        .withName(NAME)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
                + kubeletPort
                + "}}}}");
  }
}
