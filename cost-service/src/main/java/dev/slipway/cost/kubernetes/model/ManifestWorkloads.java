package dev.slipway.cost.kubernetes.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cost.domain.PlanEstimate;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Rendered manifests (a plan's, as deploy-service renders them) to the workloads an estimate
 * prices: Deployments and StatefulSets (pod template requests × replicas, a StatefulSet's volume
 * claim templates × replicas) and PersistentVolumeClaims. Pure: no client, no I/O.
 *
 * <p>Jobs and CronJobs are not priced: how long they run is not in the manifest. They come back as
 * {@link Result#skipped()} so the caller can say so.
 */
public final class ManifestWorkloads {

  private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  public record Result(List<PlanEstimate.Workload> workloads, List<String> skipped) {}

  private ManifestWorkloads() {}

  public static Result from(List<JsonNode> manifests) {
    List<PlanEstimate.Workload> workloads = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (JsonNode m : manifests) {
      String kind = m.path("kind").asText("");
      String name = m.path("metadata").path("name").asText("");
      String app = m.path("metadata").path("labels").path("app.kubernetes.io/name").asText(name);
      JsonNode spec = m.path("spec");
      switch (kind) {
        case "Deployment", "StatefulSet", "ReplicaSet" -> {
          int replicas = spec.path("replicas").asInt(1);
          BigDecimal cpu = BigDecimal.ZERO;
          BigDecimal memory = BigDecimal.ZERO;
          for (JsonNode c : spec.path("template").path("spec").path("containers")) {
            cpu = cpu.add(quantity(c.path("resources").path("requests").path("cpu")));
            memory = memory.add(gib(quantity(c.path("resources").path("requests").path("memory"))));
          }
          BigDecimal storage = BigDecimal.ZERO;
          for (JsonNode claim : spec.path("volumeClaimTemplates")) {
            storage =
                storage.add(
                    gib(
                        quantity(
                            claim
                                .path("spec")
                                .path("resources")
                                .path("requests")
                                .path("storage"))));
          }
          workloads.add(
              new PlanEstimate.Workload(
                  app, replicas, cpu, memory, storage.multiply(BigDecimal.valueOf(replicas))));
        }
        case "PersistentVolumeClaim" ->
            workloads.add(
                new PlanEstimate.Workload(
                    app,
                    0,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    gib(quantity(spec.path("resources").path("requests").path("storage")))));
        case "Job", "CronJob" -> skipped.add(kind + "/" + name);
        default -> {
          // Services, ConfigMaps, HPAs, policies: no capacity of their own.
        }
      }
    }
    return new Result(List.copyOf(workloads), List.copyOf(skipped));
  }

  /** A Kubernetes quantity ("250m", "512Mi", "1") in base units; absent is zero. */
  public static BigDecimal quantity(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
      return BigDecimal.ZERO;
    }
    return new Quantity(value.asText()).getNumericalAmount();
  }

  public static BigDecimal gib(BigDecimal bytes) {
    return bytes.divide(BYTES_PER_GIB, MathContext.DECIMAL64);
  }
}
