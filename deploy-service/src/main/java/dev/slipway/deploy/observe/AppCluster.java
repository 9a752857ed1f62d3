package dev.slipway.deploy.observe;

import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.observe.Views.PodUsage;
import dev.slipway.deploy.observe.Views.ResourceUsage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What observing an app reads from the cluster, always in the app's namespace and selected by
 * Slipway's labels for that app. Blocking: call off the event loop.
 */
@ApplicationScoped
public class AppCluster {

  /** Objects named after the app that the golden paths make (their events belong to the app). */
  private static final List<String> NAMED_KINDS =
      List.of(
          "Deployment",
          "Service",
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "NetworkPolicy",
          "Ingress",
          "ConfigMap",
          "CronJob",
          "Job");

  private final KubernetesClient client;

  public AppCluster(KubernetesClient client) {
    this.client = client;
  }

  /** The app's pods by name, each with its containers. */
  public List<PodContainers> pods(AppTarget target) {
    return client
        .pods()
        .inNamespace(target.namespace())
        .withLabels(target.labels())
        .list()
        .getItems()
        .stream()
        .map(
            pod ->
                new PodContainers(
                    pod.getMetadata().getName(),
                    pod.getSpec().getContainers().stream().map(Container::getName).toList()))
        .sorted(Comparator.comparing(PodContainers::pod))
        .toList();
  }

  /**
   * Events about the app's objects: those named after it, and the ReplicaSets, Pods and Jobs that
   * carry its labels.
   */
  public List<Event> events(AppTarget target) {
    String ns = target.namespace();
    Set<String> objects = new HashSet<>();
    NAMED_KINDS.forEach(kind -> objects.add(kind + "/" + target.app()));
    // Items of a list carry no kind of their own: name it per list.
    labelled(
        "ReplicaSet",
        client.apps().replicaSets().inNamespace(ns).withLabels(target.labels()).list().getItems(),
        objects);
    labelled(
        "Pod",
        client.pods().inNamespace(ns).withLabels(target.labels()).list().getItems(),
        objects);
    labelled(
        "Job",
        client.batch().v1().jobs().inNamespace(ns).withLabels(target.labels()).list().getItems(),
        objects);
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(
            e ->
                e.getInvolvedObject() != null
                    && objects.contains(
                        e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName()))
        .toList();
  }

  /**
   * CPU and memory of the app's pods from {@code metrics.k8s.io}; a cluster without the metrics API
   * (no metrics-server) gives an answer that says so, not an error.
   */
  public ResourceUsage usage(AppTarget target) {
    try {
      List<PodMetrics> pods =
          client
              .top()
              .pods()
              .inNamespace(target.namespace())
              .withLabels(target.labels())
              .metrics()
              .getItems();
      return new ResourceUsage(
          true,
          null,
          pods.stream().map(PodUsage::of).sorted(Comparator.comparing(PodUsage::pod)).toList());
    } catch (KubernetesClientException e) {
      return ResourceUsage.unavailable(
          switch (e.getCode()) {
            case 404 -> "metrics API not available (metrics.k8s.io is not served by this cluster)";
            case 503 -> "metrics API not available (the metrics server does not answer)";
            case 401, 403 -> "metrics API not available to deploy-service (" + e.getCode() + ")";
            default -> "metrics API not available (" + e.getCode() + ")";
          });
    }
  }

  private static void labelled(
      String kind, List<? extends HasMetadata> items, Set<String> objects) {
    items.forEach(o -> objects.add(kind + "/" + o.getMetadata().getName()));
  }

  public record PodContainers(String pod, List<String> containers) {}
}
