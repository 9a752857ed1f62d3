package dev.slipway.deploy.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * There is no kubelet: a build pod's end is written through the API as a kubelet would write it
 * (phase, the build container terminated with its exit code and termination message). The real Job
 * controller then ends the Job (Complete, or Failed with BackoffLimitExceeded). The tests' build
 * pods carry a node selector no node has, so the simulated node never touches them.
 */
final class SimulatedBuilds {

  private SimulatedBuilds() {}

  static void succeed(KubernetesClient admin, String namespace, Job job, String message) {
    end(admin, namespace, job, 0, message);
  }

  static void fail(KubernetesClient admin, String namespace, Job job, String message) {
    end(admin, namespace, job, 1, message);
  }

  private static void end(
      KubernetesClient admin, String namespace, Job job, int exitCode, String message) {
    String name = job.getMetadata().getName();
    Pod pod = awaitPod(admin, namespace, name);
    // The scheduler writes the unschedulable pod's conditions too: on a conflict, read and retry.
    Awaitility.await("the end of " + name + " written")
        .atMost(Duration.ofSeconds(30))
        .ignoreException(KubernetesClientException.class)
        .until(
            () -> {
              writeEnd(admin, namespace, pod.getMetadata().getName(), exitCode, message);
              return true;
            });
  }

  private static void writeEnd(
      KubernetesClient admin, String namespace, String pod, int exitCode, String message) {
    admin
        .pods()
        .inNamespace(namespace)
        .withName(pod)
        .editStatus(
            p ->
                new PodBuilder(p)
                    .editOrNewStatus()
                    .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                    .withContainerStatuses(
                        new ContainerStatusBuilder()
                            .withName(BuildJobRenderer.BUILD_CONTAINER)
                            .withImage(p.getSpec().getContainers().get(0).getImage())
                            .withImageID("")
                            .withReady(false)
                            .withRestartCount(0)
                            .withNewState()
                            .withNewTerminated()
                            .withExitCode(exitCode)
                            .withReason(exitCode == 0 ? "Completed" : "Error")
                            .withMessage(message)
                            .endTerminated()
                            .endState()
                            .build())
                    .endStatus()
                    .build());
  }

  /** The pod the Job controller made for the build. */
  static Pod awaitPod(KubernetesClient admin, String namespace, String job) {
    Pod[] found = new Pod[1];
    Awaitility.await("the Job controller's pod for " + job)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(200, TimeUnit.MILLISECONDS)
        .until(
            () -> {
              List<Pod> pods =
                  admin
                      .pods()
                      .inNamespace(namespace)
                      .withLabel(BuildCluster.JOB_NAME_LABEL, job)
                      .list()
                      .getItems();
              found[0] = pods.isEmpty() ? null : pods.get(0);
              return found[0] != null;
            });
    assertThat(found[0].getSpec().getNodeName()).as("no node runs the build pod").isNull();
    return found[0];
  }
}
