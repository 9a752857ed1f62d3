package dev.slipway.deploy.build;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Build logs read from the build pod's containers through the API server (pods/log). */
@ApplicationScoped
public class PodBuildLogs implements BuildLogs {

  static final String BUILD_RUN_LABEL = "buildrun.shipwright.io/name";

  private final KubernetesClient client;
  private final BuildCluster cluster;

  public PodBuildLogs(KubernetesClient client, BuildCluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  @Override
  public List<Section> lines(Build build, int tail) {
    List<Pod> pods =
        BuildCluster.SHIPWRIGHT.equals(build.engine)
            ? client
                .pods()
                .inNamespace(namespace(build))
                .withLabel(BUILD_RUN_LABEL, build.objectName)
                .list()
                .getItems()
            : cluster.pods(namespace(build), build.objectName);
    if (pods.isEmpty()) {
      return List.of();
    }
    Pod pod = pods.get(0);
    List<Container> containers = new ArrayList<>(pod.getSpec().getInitContainers());
    containers.addAll(pod.getSpec().getContainers());
    List<Section> sections = new ArrayList<>();
    for (Container container : containers) {
      sections.add(
          new Section(
              pod.getMetadata().getName(),
              container.getName(),
              log(pod, container.getName(), tail)));
    }
    return sections;
  }

  private List<String> log(Pod pod, String container, int tail) {
    try {
      String text =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .inContainer(container)
              .tailingLines(tail)
              .getLog();
      return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    } catch (KubernetesClientException e) {
      // A container that has not started (or a pod on no node) has no log yet.
      return List.of();
    }
  }

  private static String namespace(Build build) {
    return dev.slipway.kit.kubernetes.Labels.namespace(build.team, build.environment);
  }
}
