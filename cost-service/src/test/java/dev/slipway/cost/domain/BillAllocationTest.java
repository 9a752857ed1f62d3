package dev.slipway.cost.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A day's node bill shared out by hand. At list prices the cluster's capacity cost 10; dev's web
 * requested 3 of it, the clone pr-7's web 1, and dev has an overhead of 0.20.
 */
class BillAllocationTest {

  static final LocalDate DAY = LocalDate.parse("2030-05-10");
  static final List<CostLine> LINES =
      List.of(line("dev", "web", "3"), line("dev", "", "0.20"), line("pr-7", "web", "1"));

  @Test
  void theBillIsSharedByListCostAndTheUnrequestedRestIsIdle() {
    var day =
        BillAllocation.allocate(
            BillAllocation.ListDay.of(DAY, new BigDecimal("10"), LINES),
            new BigDecimal("20"),
            new BigDecimal("1.5"));

    // factor 20 / 10 = 2: dev/web 6, pr-7/web 2, the overhead stays 0.20; idle 20 − 8
    assertThat(day.factor()).isEqualByComparingTo("2");
    assertThat(billed(day, "dev", "web")).isEqualByComparingTo("6");
    assertThat(billed(day, "pr-7", "web")).isEqualByComparingTo("2");
    assertThat(billed(day, "dev", "")).isEqualByComparingTo("0.20");
    assertThat(day.allocated()).isEqualByComparingTo("8");
    assertThat(day.idle()).isEqualByComparingTo("12");
    // what is not a node is unallocated, never shared out
    assertThat(day.otherBill()).isEqualByComparingTo("1.5");
  }

  @Test
  void requestsAboveCapacityShareTheWholeBillWithNoIdle() {
    // max(request, usage) can exceed the allocatable: the base is then what was allocated (4)
    var day =
        BillAllocation.allocate(
            BillAllocation.ListDay.of(DAY, new BigDecimal("3"), LINES),
            new BigDecimal("8"),
            BigDecimal.ZERO);

    assertThat(billed(day, "dev", "web")).isEqualByComparingTo("6");
    assertThat(billed(day, "pr-7", "web")).isEqualByComparingTo("2");
    assertThat(day.idle()).isEqualByComparingTo("0");
  }

  @Test
  void aDayWithoutKnownCapacitySharesOverWhatWasRequested() {
    var day =
        BillAllocation.allocate(
            BillAllocation.ListDay.of(DAY, BigDecimal.ZERO, LINES),
            new BigDecimal("2"),
            BigDecimal.ZERO);

    // 2 / 4: web 1.5, pr-7 0.5
    assertThat(billed(day, "dev", "web")).isEqualByComparingTo("1.5");
    assertThat(billed(day, "pr-7", "web")).isEqualByComparingTo("0.5");
    assertThat(day.idle()).isEqualByComparingTo("0");
  }

  @Test
  void aBilledDayNobodyRequestedIsAllIdle() {
    var day =
        BillAllocation.allocate(
            BillAllocation.ListDay.of(DAY, BigDecimal.ZERO, List.of()),
            new BigDecimal("5"),
            BigDecimal.ZERO);
    assertThat(day.idle()).isEqualByComparingTo("5");
    assertThat(day.shares()).isEmpty();
  }

  private static BigDecimal billed(BillAllocation.Day day, String env, String app) {
    return day.shares().stream()
        .filter(s -> s.environment().equals(env) && s.app().equals(app))
        .findFirst()
        .orElseThrow()
        .billedAmount();
  }

  private static CostLine line(String env, String app, String amount) {
    return new CostLine(
        "acme", env, app, DAY, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(amount));
  }
}
