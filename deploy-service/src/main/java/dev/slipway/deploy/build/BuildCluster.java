package dev.slipway.deploy.build;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the builds ask of the Kubernetes API: discovery and the state of a build's objects.
 */
@ApplicationScoped
public class BuildCluster {

  public static final String JOB = "job";
  public static final String SHIPWRIGHT = "shipwright";
  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  private final KubernetesClient client;

  public BuildCluster(KubernetesClient client) {
    this.client = client;
  }

  /** Asked at every build: Shipwright may be installed or removed while Slipway runs. */
  public boolean shipwrightServed() {
    return client.supports(ShipwrightRenderer.API_VERSION, ShipwrightRenderer.BUILD_RUN);
  }

  public BuildResult status(String engine, String namespace, String name) {
    return SHIPWRIGHT.equals(engine) ? buildRunStatus(namespace, name) : jobStatus(namespace, name);
  }

  private BuildResult jobStatus(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null) {
      return new BuildResult.Failed("the build's Job " + name + " is gone");
    }
    List<JobCondition> conditions =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? List.of()
            : job.getStatus().getConditions();
    if (holds(conditions, "Complete")) {
      return new BuildResult.Succeeded(
          BuildResult.digestIn(terminated(namespace, name).map(Terminated::message).orElse(null)));
    }
    Optional<JobCondition> failed =
        conditions.stream()
            .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
    if (failed.isPresent()) {
      StringBuilder reason = new StringBuilder();
      reason.append(Optional.ofNullable(failed.get().getReason()).orElse("Failed"));
      if (failed.get().getMessage() != null) {
        reason.append(": ").append(failed.get().getMessage());
      }
      terminated(namespace, name)
          .filter(t -> t.exitCode() != 0)
          .ifPresent(
              t -> {
                reason.append("; container ").append(t.container()).append(" exited ");
                reason.append(t.exitCode());
                if (t.message() != null && !t.message().isBlank()) {
                  reason.append(": ").append(t.message());
                }
              });
      return new BuildResult.Failed(BuildResult.shorten(reason.toString()));
    }
    return new BuildResult.Running();
  }

  private static boolean holds(List<JobCondition> conditions, String type) {
    return conditions.stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private record Terminated(String container, int exitCode, String message) {}

  /** The build pod's last terminated container: the failing one, else the build container. */
  private Optional<Terminated> terminated(String namespace, String job) {
    List<Terminated> found = new ArrayList<>();
    for (Pod pod : pods(namespace, job)) {
      if (pod.getStatus() == null) {
        continue;
      }
      List<ContainerStatus> statuses = new ArrayList<>();
      Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(statuses::addAll);
      Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(statuses::addAll);
      for (ContainerStatus status : statuses) {
        if (status.getState() != null && status.getState().getTerminated() != null) {
          var t = status.getState().getTerminated();
          found.add(
              new Terminated(
                  status.getName(),
                  Optional.ofNullable(t.getExitCode()).orElse(0),
                  t.getMessage()));
        }
      }
    }
    return found.stream()
        .filter(t -> t.exitCode() != 0)
        .findFirst()
        .or(
            () ->
                found.stream()
                    .filter(t -> BuildJobRenderer.BUILD_CONTAINER.equals(t.container()))
                    .findFirst());
  }

  /** The pods a build's Job made, newest first. */
  public List<Pod> pods(String namespace, String job) {
    List<Pod> pods =
        new ArrayList<>(
            client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, job).list().getItems());
    pods.sort(
        (a, b) ->
            String.valueOf(b.getMetadata().getCreationTimestamp())
                .compareTo(String.valueOf(a.getMetadata().getCreationTimestamp())));
    return pods;
  }

  @SuppressWarnings("unchecked")
  private BuildResult buildRunStatus(String namespace, String name) {
    GenericKubernetesResource run =
        client
            .genericKubernetesResources(
                ShipwrightRenderer.API_VERSION, ShipwrightRenderer.BUILD_RUN)
            .inNamespace(namespace)
            .withName(name)
            .get();
    if (run == null) {
      return new BuildResult.Failed("the BuildRun " + name + " is gone");
    }
    Object status = run.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> map)) {
      return new BuildResult.Running();
    }
    Object conditions = map.get("conditions");
    if (conditions instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> condition && "Succeeded".equals(condition.get("type"))) {
          Object state = condition.get("status");
          if ("True".equals(state)) {
            Object output = map.get("output");
            Object digest = output instanceof Map<?, ?> o ? o.get("digest") : null;
            return new BuildResult.Succeeded(
                digest == null ? null : BuildResult.digestIn(digest.toString()));
          }
          if ("False".equals(state)) {
            String reason =
                condition.get("reason")
                    + (condition.get("message") == null ? "" : ": " + condition.get("message"));
            return new BuildResult.Failed(BuildResult.shorten(reason));
          }
        }
      }
    }
    return new BuildResult.Running();
  }

  /** The objects for this build on this cluster: Shipwright's when chosen, else a Job. */
  public List<HasMetadata> objects(String engine, BuildTarget target, BuildSettings settings) {
    if (SHIPWRIGHT.equals(engine)) {
      return new ArrayList<>(ShipwrightRenderer.render(target, settings));
    }
    return List.of(BuildJobRenderer.render(target, settings));
  }
}
