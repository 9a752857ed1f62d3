package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The monthly cost of a plan before it is applied: every workload's requests × replicas for a full
 * month (730 hours), its storage, and one environment overhead when the plan makes a new
 * environment (a clone).
 */
public final class PlanEstimate {

  /** One rendered workload: per-replica requests. */
  public record Workload(
      String app, int replicas, BigDecimal cpuCores, BigDecimal memoryGib, BigDecimal storageGib) {}

  public record Line(String app, BigDecimal monthlyAmount) {}

  public record Result(List<Line> lines, BigDecimal monthlyAmount, String currency) {}

  private PlanEstimate() {}

  public static Result monthly(List<Workload> workloads, boolean newEnvironment, PriceList p) {
    BigDecimal total = BigDecimal.ZERO;
    List<Line> lines = new java.util.ArrayList<>();
    for (Workload w : workloads) {
      BigDecimal replicas = BigDecimal.valueOf(w.replicas());
      BigDecimal hourly =
          w.cpuCores()
              .multiply(p.vcpuHour())
              .add(w.memoryGib().multiply(p.gibHour()))
              .multiply(replicas);
      BigDecimal amount =
          hourly
              .multiply(PriceList.HOURS_PER_MONTH)
              .add(w.storageGib().multiply(p.storageGibMonth()));
      lines.add(new Line(w.app(), round(amount)));
      total = total.add(amount);
    }
    if (newEnvironment && p.namespaceMonth().signum() > 0) {
      lines.add(new Line("", round(p.namespaceMonth())));
      total = total.add(p.namespaceMonth());
    }
    return new Result(List.copyOf(lines), round(total), p.currency());
  }

  /** Amounts shown to people: cents and two more places, so small apps do not read as zero. */
  public static BigDecimal round(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.HALF_EVEN);
  }
}
