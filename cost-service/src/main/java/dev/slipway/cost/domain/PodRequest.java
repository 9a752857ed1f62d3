package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One scheduled pod of a Slipway environment as one sample saw it: its effective requests (the sum
 * of its containers, or its largest init container if that is more, as the scheduler reserves) and,
 * when Prometheus is configured, what it used.
 *
 * @param app the pod's {@code app.kubernetes.io/name}, empty when it has none
 * @param cpuUsageCores CPU used (cores, rate over the sampling window); null when not known
 * @param memoryUsageGib working-set memory (GiB); null when not known
 */
public record PodRequest(
    String uid,
    String namespace,
    String team,
    String environment,
    String app,
    String pod,
    Instant createdAt,
    BigDecimal cpuCores,
    BigDecimal memoryGib,
    BigDecimal cpuUsageCores,
    BigDecimal memoryUsageGib) {

  /** A pod known by its requests only (no Prometheus). */
  public PodRequest(
      String uid,
      String namespace,
      String team,
      String environment,
      String app,
      String pod,
      Instant createdAt,
      BigDecimal cpuCores,
      BigDecimal memoryGib) {
    this(uid, namespace, team, environment, app, pod, createdAt, cpuCores, memoryGib, null, null);
  }

  public PodRequest withUsage(BigDecimal cpu, BigDecimal memory) {
    return new PodRequest(
        uid, namespace, team, environment, app, pod, createdAt, cpuCores, memoryGib, cpu, memory);
  }

  /** What the pod is charged for: max(request, usage), as OpenCost allocates. */
  public BigDecimal cpuAllocated() {
    return cpuUsageCores == null ? cpuCores : cpuCores.max(cpuUsageCores);
  }

  public BigDecimal memoryAllocated() {
    return memoryUsageGib == null ? memoryGib : memoryGib.max(memoryUsageGib);
  }
}
