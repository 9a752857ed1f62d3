package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One day's node bill shared out the way the day's list prices already shared the cluster: each
 * environment and app gets the bill in proportion to what its requests (or max(request, usage))
 * cost at list price, and the share of the capacity nobody requested is the idle cost.
 *
 * <pre>
 * factor    = billed node cost / max(capacity at list price, allocated at list price)
 * billed(x) = listAmount(x) × factor                  (per environment and app)
 * idle      = billed node cost − Σ billed(x)
 * </pre>
 *
 * Environment overheads (app "") are a platform price, not node time: they are not rescaled. Rows
 * of the bill that are not nodes (storage, network, managed services, taxes) are unallocated and
 * reported apart, never spread over teams.
 */
public final class BillAllocation {

  /** A day's list-priced figures, as sampling stored them. */
  public record ListDay(
      LocalDate day, BigDecimal capacityAmount, BigDecimal allocatedAmount, List<CostLine> lines) {

    /** {@code allocatedAmount}: the day's lines of apps, not the environments' overheads. */
    public static ListDay of(LocalDate day, BigDecimal capacityAmount, List<CostLine> lines) {
      BigDecimal allocated = BigDecimal.ZERO;
      for (CostLine line : lines) {
        if (!line.app().isEmpty()) {
          allocated = allocated.add(line.amount());
        }
      }
      return new ListDay(day, capacityAmount, allocated, List.copyOf(lines));
    }
  }

  public record Share(
      String team,
      String environment,
      String app,
      BigDecimal listAmount,
      BigDecimal billedAmount) {}

  public record Day(
      LocalDate day,
      BigDecimal nodeBill,
      BigDecimal otherBill,
      BigDecimal factor,
      BigDecimal allocated,
      BigDecimal idle,
      List<Share> shares) {}

  private BillAllocation() {}

  public static Day allocate(ListDay list, BigDecimal nodeBill, BigDecimal otherBill) {
    BigDecimal base = list.capacityAmount().max(list.allocatedAmount());
    BigDecimal factor =
        base.signum() == 0 ? BigDecimal.ZERO : nodeBill.divide(base, PriceList.MATH);
    List<Share> shares = new ArrayList<>();
    BigDecimal allocated = BigDecimal.ZERO;
    for (CostLine line : list.lines()) {
      if (line.app().isEmpty()) {
        shares.add(new Share(line.team(), line.environment(), "", line.amount(), line.amount()));
        continue;
      }
      BigDecimal billed = line.amount().multiply(factor, PriceList.MATH);
      allocated = allocated.add(billed);
      shares.add(new Share(line.team(), line.environment(), line.app(), line.amount(), billed));
    }
    // Nothing requested at all: the whole node bill is idle.
    BigDecimal idle = nodeBill.subtract(allocated).max(BigDecimal.ZERO);
    return new Day(
        list.day(),
        nodeBill,
        otherBill,
        factor.setScale(8, RoundingMode.HALF_EVEN),
        allocated,
        idle,
        List.copyOf(shares));
  }
}
