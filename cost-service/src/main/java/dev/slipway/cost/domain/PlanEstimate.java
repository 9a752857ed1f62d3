package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

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

  /** An app as the latest sample saw it running: its pods and their requests, summed. */
  public record RunningApp(String app, int pods, BigDecimal cpuCores, BigDecimal memoryGib) {}

  private PlanEstimate() {}

  /**
   * What the named apps cost per month now, at their sampled requests: the base a plan's delta is
   * measured from (an app not running costs nothing now).
   */
  public static BigDecimal current(List<RunningApp> running, Set<String> apps, PriceList p) {
    BigDecimal total = BigDecimal.ZERO;
    for (RunningApp r : running) {
      if (apps.contains(r.app())) {
        total =
            total.add(
                r.cpuCores()
                    .multiply(p.vcpuHour())
                    .add(r.memoryGib().multiply(p.gibHour()))
                    .multiply(PriceList.HOURS_PER_MONTH));
      }
    }
    return round(total);
  }

  /**
   * A clone's workloads: each running app of the source with its pods' average requests, as many
   * replicas as the source runs unless the clone overrides them.
   */
  public static List<Workload> cloneOf(List<RunningApp> source, Integer replicas) {
    List<Workload> workloads = new java.util.ArrayList<>();
    for (RunningApp r : source) {
      BigDecimal pods = BigDecimal.valueOf(r.pods());
      workloads.add(
          new Workload(
              r.app(),
              replicas == null ? r.pods() : replicas,
              r.cpuCores().divide(pods, PriceList.MATH),
              r.memoryGib().divide(pods, PriceList.MATH),
              BigDecimal.ZERO));
    }
    return workloads;
  }

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
