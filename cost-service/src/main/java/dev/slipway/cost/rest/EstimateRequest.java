package dev.slipway.cost.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What to estimate: rendered manifests (a plan's, as they would be applied), or workloads given
 * directly, or both; or a clone of the environment {@code cloneOf} as it runs now (with {@code
 * replicas} overriding every app's). {@code newEnvironment} adds one environment's overhead (a
 * clone always does).
 */
public record EstimateRequest(
    String environment,
    List<JsonNode> manifests,
    List<WorkloadItem> workloads,
    Boolean newEnvironment,
    String cloneOf,
    Integer replicas) {

  /** Per-replica requests as Kubernetes quantities ("250m", "512Mi"). */
  public record WorkloadItem(
      String app, Integer replicas, String cpu, String memory, String storage) {}
}
