package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns two consecutive samples into cost: request × price × time, split at UTC midnight. When the
 * later sample knows a pod's usage (Prometheus), max(request, usage) replaces the request.
 *
 * <ul>
 *   <li>A pod seen by both samples is charged for the whole interval between them.
 *   <li>A pod first seen by the later sample is charged from its creation (or the earlier sample,
 *       whichever is later) to the later sample.
 *   <li>A pod seen by the earlier sample only (deleted in between) is not charged for the interval:
 *       it counted until it was last seen.
 *   <li>An environment's overhead (per-namespace price) runs while both samples see its namespace.
 *   <li>When the later sample knows the nodes' capacity, the capacity of the interval is priced
 *       too; capacity minus Slipway's requests is the idle (unallocated) cost.
 * </ul>
 */
public final class CostCalculator {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  /** The cost lines of one interval, and the cluster's capacity lines when capacity is known. */
  public record Interval(List<CostLine> lines, List<ClusterLine> cluster) {}

  private CostCalculator() {}

  public static Interval between(UsageSnapshot previous, UsageSnapshot current, PriceList prices) {
    if (previous == null || !current.at().isAfter(previous.at())) {
      return new Interval(List.of(), List.of());
    }
    Instant from = previous.at();
    Instant to = current.at();
    Set<String> seenBefore = new HashSet<>();
    previous.pods().forEach(p -> seenBefore.add(p.uid()));

    Map<String, CostLine> lines = new LinkedHashMap<>();
    Map<LocalDate, BigDecimal> allocated = new LinkedHashMap<>();
    for (PodRequest pod : current.pods()) {
      Instant start = seenBefore.contains(pod.uid()) ? from : clamp(pod.createdAt(), from, to);
      for (Slice slice : slices(start, to)) {
        BigDecimal cpu = pod.cpuAllocated().multiply(slice.hours(), PriceList.MATH);
        BigDecimal memory = pod.memoryAllocated().multiply(slice.hours(), PriceList.MATH);
        BigDecimal amount =
            cpu.multiply(prices.vcpuHour(), PriceList.MATH)
                .add(memory.multiply(prices.gibHour(), PriceList.MATH), PriceList.MATH);
        add(
            lines,
            new CostLine(
                pod.team(), pod.environment(), pod.app(), slice.day(), cpu, memory, amount));
        allocated.merge(slice.day(), amount, BigDecimal::add);
      }
    }

    if (prices.namespaceMonth().signum() > 0) {
      Set<String> namespacesBefore = new HashSet<>();
      previous.namespaces().forEach(n -> namespacesBefore.add(n.namespace()));
      for (NamespaceRef ns : current.namespaces()) {
        if (!namespacesBefore.contains(ns.namespace())) {
          continue;
        }
        for (Slice slice : slices(from, to)) {
          add(
              lines,
              new CostLine(
                  ns.team(),
                  ns.environment(),
                  "",
                  slice.day(),
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  prices.namespaceHour().multiply(slice.hours(), PriceList.MATH)));
        }
      }
    }

    List<ClusterLine> cluster = new ArrayList<>();
    if (current.capacity() != null) {
      for (Slice slice : slices(from, to)) {
        BigDecimal cpu = current.capacity().cpuCores().multiply(slice.hours(), PriceList.MATH);
        BigDecimal memory = current.capacity().memoryGib().multiply(slice.hours(), PriceList.MATH);
        BigDecimal amount =
            cpu.multiply(prices.vcpuHour(), PriceList.MATH)
                .add(memory.multiply(prices.gibHour(), PriceList.MATH), PriceList.MATH);
        cluster.add(
            new ClusterLine(
                slice.day(),
                cpu,
                memory,
                amount,
                allocated.getOrDefault(slice.day(), BigDecimal.ZERO)));
      }
    }
    return new Interval(List.copyOf(lines.values()), List.copyOf(cluster));
  }

  private static void add(Map<String, CostLine> lines, CostLine line) {
    String key = line.team() + "/" + line.environment() + "/" + line.app() + "/" + line.day();
    lines.merge(
        key,
        line,
        (a, b) ->
            new CostLine(
                a.team(),
                a.environment(),
                a.app(),
                a.day(),
                a.cpuCoreHours().add(b.cpuCoreHours()),
                a.memoryGibHours().add(b.memoryGibHours()),
                a.amount().add(b.amount())));
  }

  private static Instant clamp(Instant value, Instant min, Instant max) {
    if (value == null || value.isBefore(min)) {
      return min;
    }
    return value.isAfter(max) ? max : value;
  }

  private record Slice(LocalDate day, BigDecimal hours) {}

  /** [start, end) cut at each UTC midnight. */
  private static List<Slice> slices(Instant start, Instant end) {
    List<Slice> slices = new ArrayList<>();
    Instant cursor = start;
    while (cursor.isBefore(end)) {
      LocalDate day = LocalDate.ofInstant(cursor, ZoneOffset.UTC);
      Instant midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant sliceEnd = midnight.isBefore(end) ? midnight : end;
      BigDecimal seconds = BigDecimal.valueOf(Duration.between(cursor, sliceEnd).toMillis(), 3);
      slices.add(new Slice(day, seconds.divide(SECONDS_PER_HOUR, PriceList.MATH)));
      cursor = sliceEnd;
    }
    return slices;
  }
}
