package dev.slipway.deploy.service;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/** Where a Deployment's rollout stands, read from its status as kubectl rollout status does. */
public record RolloutStatus(String state, String detail) {

  public static RolloutStatus of(Deployment deployment) {
    var status = deployment.getStatus();
    long generation =
        deployment.getMetadata().getGeneration() == null
            ? 0
            : deployment.getMetadata().getGeneration();
    int wanted =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    if (status == null) {
      return new RolloutStatus(AppStatus.PROGRESSING, "waiting for the controller");
    }
    long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    // A condition of an older generation says nothing about the template applied last.
    if (observed >= generation && status.getConditions() != null) {
      for (DeploymentCondition condition : status.getConditions()) {
        if ("Progressing".equals(condition.getType())
            && "ProgressDeadlineExceeded".equals(condition.getReason())) {
          return new RolloutStatus(
              AppStatus.FAILED,
              "progress deadline exceeded"
                  + (condition.getMessage() == null ? "" : ": " + condition.getMessage()));
        }
      }
    }
    int updated = value(status.getUpdatedReplicas());
    int available = value(status.getAvailableReplicas());
    int total = value(status.getReplicas());
    if (observed >= generation && updated >= wanted && available >= wanted && total == updated) {
      return new RolloutStatus(
          AppStatus.READY, available + " of " + wanted + " replicas available");
    }
    return new RolloutStatus(
        AppStatus.PROGRESSING,
        updated + " of " + wanted + " replicas updated, " + available + " available");
  }

  private static int value(Integer count) {
    return count == null ? 0 : count;
  }
}
