package dev.slipway.deploy.kubernetes.client;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.deploy.policy.EnvironmentFacts;
import dev.slipway.deploy.policy.GuardRailEngine;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Reads what plans and guard rails need from the cluster. Blocking: call off the event loop. */
@ApplicationScoped
public class ClusterReader {

  private static final Logger LOG = Logger.getLogger(ClusterReader.class);
  private static final Map<String, String> QUOTA_KEYS =
      Map.of(
          "requests.cpu", "requestsCpuMilli",
          "requests.memory", "requestsMemoryBytes",
          "limits.cpu", "limitsCpuMilli",
          "limits.memory", "limitsMemoryBytes",
          "cpu", "requestsCpuMilli",
          "memory", "requestsMemoryBytes");

  private final KubernetesClient client;

  /**
   * Every ResourceQuota, watched: a deploy's guard rails read its namespace's quotas from here
   * instead of asking the API server on the deploy's path. Null (or not yet synced) when the watch
   * could not start: then each deploy lists them, as before.
   */
  private volatile SharedIndexInformer<ResourceQuota> quotas;

  public ClusterReader(KubernetesClient client) {
    this.client = client;
  }

  void start(@Observes StartupEvent event) {
    try {
      quotas = client.resourceQuotas().inAnyNamespace().inform();
    } catch (RuntimeException e) {
      LOG.warnf("cannot watch ResourceQuotas, each deploy lists them: %s", e.getMessage());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (quotas != null) {
      quotas.close();
    }
  }

  public HasMetadata live(HasMetadata object) {
    return client.resource(object).get();
  }

  /**
   * The environment as guard rails see it. {@code kind} wins when given (the gateway looked it up);
   * otherwise the namespace's {@code slipway.dev/kind} label. A quota that cannot be read (RBAC)
   * leaves the quota rule without a limit, and says so in the log.
   */
  public EnvironmentFacts facts(String namespace, String kind, List<String> allowedRegistries) {
    String environmentKind = kind;
    if (environmentKind == null) {
      try {
        Namespace ns = client.namespaces().withName(namespace).get();
        environmentKind =
            ns == null || ns.getMetadata().getLabels() == null
                ? null
                : ns.getMetadata().getLabels().get(Labels.KIND);
      } catch (KubernetesClientException e) {
        LOG.warnf("cannot read namespace %s: %s", namespace, e.getMessage());
      }
    }
    Map<String, Long> quota = new HashMap<>();
    try {
      for (ResourceQuota rq : quotasOf(namespace)) {
        if (rq.getSpec() == null || rq.getSpec().getHard() == null) {
          continue;
        }
        for (Map.Entry<String, Quantity> hard : rq.getSpec().getHard().entrySet()) {
          String key = QUOTA_KEYS.get(hard.getKey());
          if (key == null) {
            continue;
          }
          TextNode value = new TextNode(hard.getValue().toString());
          long amount =
              key.endsWith("Milli") ? GuardRailEngine.milli(value) : GuardRailEngine.bytes(value);
          quota.merge(key, amount, Math::min);
        }
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot read the ResourceQuota of %s: %s", namespace, e.getMessage());
    }
    return new EnvironmentFacts(
        environmentKind == null ? "development" : environmentKind,
        namespace,
        allowedRegistries,
        quota);
  }

  private List<ResourceQuota> quotasOf(String namespace) {
    SharedIndexInformer<ResourceQuota> watched = quotas;
    if (watched != null && watched.hasSynced()) {
      return watched.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }
    return client.resourceQuotas().inNamespace(namespace).list().getItems();
  }
}
