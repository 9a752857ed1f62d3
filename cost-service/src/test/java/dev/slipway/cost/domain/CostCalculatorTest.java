package dev.slipway.cost.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Figures worked out by hand. Prices: 0.04 per vCPU-hour, 0.005 per GiB-hour, 73 per namespace and
 * month (0.10 per hour).
 *
 * <pre>
 * 22:00 (t0)  payments-dev: a checkout 500m/1Gi, b cart 250m/512Mi
 * 23:30 (t1)  payments-dev: a, c checkout 1/2Gi created 23:00 (b deleted); payments-pr-1 (a clone): d checkout 500m/1Gi
 * 00:45 (t2)  the same, nodes 4 CPU / 8Gi
 * </pre>
 */
class CostCalculatorTest {

  static final PriceList PRICES =
      new PriceList(
          new BigDecimal("0.04"),
          new BigDecimal("0.005"),
          new BigDecimal("0.10"),
          new BigDecimal("73"),
          "USD");
  static final LocalDate NOV_24 = LocalDate.parse("2026-11-24");
  static final LocalDate NOV_25 = LocalDate.parse("2026-11-25");
  static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-24T23:30:00Z");
  static final Instant T2 = Instant.parse("2026-11-25T00:45:00Z");

  static final NamespaceRef DEV = new NamespaceRef("payments-dev", "payments", "dev");
  static final NamespaceRef PR1 = new NamespaceRef("payments-pr-1", "payments", "pr-1");
  static final PodRequest A = pod("a", DEV, "checkout", "2026-11-24T21:00:00Z", "0.5", "1");
  static final PodRequest B = pod("b", DEV, "cart", "2026-11-24T21:00:00Z", "0.25", "0.5");
  static final PodRequest C = pod("c", DEV, "checkout", "2026-11-24T23:00:00Z", "1", "2");
  static final PodRequest D = pod("d", PR1, "checkout", "2026-11-24T23:10:00Z", "0.5", "1");

  static final UsageSnapshot S0 = new UsageSnapshot(T0, List.of(DEV), List.of(A, B), null);
  static final UsageSnapshot S1 = new UsageSnapshot(T1, List.of(DEV, PR1), List.of(A, C, D), null);
  static final UsageSnapshot S2 =
      new UsageSnapshot(
          T2,
          List.of(DEV, PR1),
          List.of(A, C, D),
          new Capacity(new BigDecimal("4"), new BigDecimal("8")));

  @Test
  void aFullIntervalAPodCreatedInBetweenAndADeletedPod() {
    var lines = CostCalculator.between(S0, S1, PRICES).lines();

    // a: 1.5 h × (0.5 × 0.04 + 1 × 0.005) = 0.0375; c: from 23:00, 0.5 h × (0.04 + 0.01) = 0.025
    assertThat(amounts(lines))
        .containsEntry("dev/checkout/2026-11-24", "0.0625")
        // b was last seen at 22:00: nothing more; overhead 1.5 h × 0.10
        .containsEntry("dev//2026-11-24", "0.15")
        // d created 23:10 in a namespace first seen now: 20 min of d, no overhead yet
        .containsEntry("pr-1/checkout/2026-11-24", "0.0083")
        .doesNotContainKey("dev/cart/2026-11-24")
        .hasSize(3);
    CostLine checkout = line(lines, "dev", "checkout", NOV_24);
    assertThat(checkout.cpuCoreHours()).isEqualByComparingTo("1.25"); // 0.75 + 0.5
    assertThat(checkout.memoryGibHours()).isEqualByComparingTo("2.5"); // 1.5 + 1
  }

  @Test
  void anIntervalOverMidnightIsSplitIntoItsDays() {
    var lines = CostCalculator.between(S1, S2, PRICES).lines();

    // 23:30–00:00 is 0.5 h of 24th, 00:00–00:45 is 0.75 h of the 25th.
    // a + c per hour: (0.5 + 1) × 0.04 + (1 + 2) × 0.005 = 0.075
    assertThat(amounts(lines))
        .containsEntry("dev/checkout/2026-11-24", "0.0375")
        .containsEntry("dev/checkout/2026-11-25", "0.0563") // 0.05625
        .containsEntry("dev//2026-11-24", "0.05")
        .containsEntry("dev//2026-11-25", "0.075")
        // the clone is its own environment: d 0.025/h, overhead from now on
        .containsEntry("pr-1/checkout/2026-11-24", "0.0125")
        .containsEntry("pr-1/checkout/2026-11-25", "0.0188") // 0.01875
        .containsEntry("pr-1//2026-11-24", "0.05")
        .containsEntry("pr-1//2026-11-25", "0.075")
        .hasSize(8);
    assertThat(line(lines, "dev", "checkout", NOV_25).cpuCoreHours()).isEqualByComparingTo("1.125");
  }

  @Test
  void idleCapacityIsWhatNoSlipwayPodRequested() {
    var cluster = CostCalculator.between(S1, S2, PRICES).cluster();

    assertThat(cluster).hasSize(2);
    ClusterLine nov24 = cluster.get(0);
    // 0.5 h × (4 × 0.04 + 8 × 0.005) = 0.10; requested: a + c 0.0375, d 0.0125
    assertThat(nov24.day()).isEqualTo(NOV_24);
    assertThat(nov24.capacityAmount()).isEqualByComparingTo("0.10");
    assertThat(nov24.allocatedAmount()).isEqualByComparingTo("0.05");
    assertThat(nov24.unallocatedAmount()).isEqualByComparingTo("0.05");
    // 0.75 h × 0.20 = 0.15; requested 0.05625 + 0.01875
    assertThat(cluster.get(1).unallocatedAmount()).isEqualByComparingTo("0.075");
  }

  @Test
  void theFirstSampleOnlySetsTheBaseline() {
    assertThat(CostCalculator.between(null, S0, PRICES).lines()).isEmpty();
    assertThat(CostCalculator.between(S0, S0, PRICES).lines()).isEmpty();
  }

  @Test
  void withUsageKnownAPodIsChargedMaxOfRequestAndUsagePerResource() {
    // a uses 1.5 cores (above its 500m request) and 0.25 GiB (below its 1 GiB); c has no series
    var busy = A.withUsage(new BigDecimal("1.5"), new BigDecimal("0.25"));
    var s1 = new UsageSnapshot(T1, List.of(DEV), List.of(busy, C), null);
    var lines = CostCalculator.between(S0, s1, PRICES).lines();

    // a: 1.5 h × (1.5 × 0.04 + 1 × 0.005) = 0.0975; c from 23:00 on requests: 0.025
    assertThat(amounts(lines)).containsEntry("dev/checkout/2026-11-24", "0.1225");
    assertThat(line(lines, "dev", "checkout", NOV_24).cpuCoreHours())
        .isEqualByComparingTo("2.75"); // 1.5 × 1.5 + 1 × 0.5
  }

  @Test
  void aPodBornAndGoneBetweenTwoSamplesIsNeverSeenNorCharged() {
    // e lived 22:10–23:20, between t0 and t1: no sample saw it
    var s1 = new UsageSnapshot(T1, List.of(DEV), List.of(A), null);
    var lines = CostCalculator.between(S0, s1, PRICES).lines();
    // a alone: 1.5 h × 0.025
    assertThat(amounts(lines)).containsEntry("dev/checkout/2026-11-24", "0.0375");
  }

  @Test
  void aMonthlyEstimateIsRequestsTimesReplicasOver730Hours() {
    var estimate =
        PlanEstimate.monthly(
            List.of(
                new PlanEstimate.Workload(
                    "checkout", 3, new BigDecimal("0.25"), new BigDecimal("0.5"), BigDecimal.ZERO),
                new PlanEstimate.Workload(
                    "db", 1, new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("20"))),
            true,
            PRICES);
    // checkout: 3 × (0.25 × 0.04 + 0.5 × 0.005) × 730 = 3 × 0.0125 × 730 = 27.375
    // db: (0.04 + 0.01) × 730 + 20 × 0.10 = 36.5 + 2 = 38.5; clone overhead 73
    assertThat(estimate.lines())
        .extracting(PlanEstimate.Line::monthlyAmount)
        .containsExactly(
            new BigDecimal("27.3750"), new BigDecimal("38.5000"), new BigDecimal("73.0000"));
    assertThat(estimate.monthlyAmount()).isEqualByComparingTo("138.875");
  }

  @Test
  void budgetThresholdsAt80And100Percent() {
    assertThat(BudgetCheck.reached(new BigDecimal("100"), new BigDecimal("79.99"))).isEmpty();
    assertThat(BudgetCheck.reached(new BigDecimal("100"), new BigDecimal("80")))
        .containsExactly(80);
    assertThat(BudgetCheck.reached(new BigDecimal("100"), new BigDecimal("100.01")))
        .containsExactly(80, 100);
  }

  private static Map<String, String> amounts(List<CostLine> lines) {
    Map<String, String> byKey = new TreeMap<>();
    for (CostLine l : lines) {
      byKey.put(
          l.environment() + "/" + l.app() + "/" + l.day(),
          l.amount()
              .setScale(4, java.math.RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString());
    }
    return byKey;
  }

  private static CostLine line(List<CostLine> lines, String env, String app, LocalDate day) {
    return lines.stream()
        .filter(l -> l.environment().equals(env) && l.app().equals(app) && l.day().equals(day))
        .findFirst()
        .orElseThrow();
  }

  private static PodRequest pod(
      String uid, NamespaceRef ns, String app, String created, String cpu, String memory) {
    return new PodRequest(
        uid,
        ns.namespace(),
        ns.team(),
        ns.environment(),
        app,
        "pod-" + uid,
        Instant.parse(created),
        new BigDecimal(cpu),
        new BigDecimal(memory));
  }
}
