package dev.slipway.bench;

import java.util.Arrays;
import java.util.List;

/** p50/p99/mean of a sample of durations in milliseconds (nearest-rank percentiles). */
public record Percentiles(int count, double p50, double p99, double mean, double max) {

  public static Percentiles of(List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(
        sorted.length,
        rank(sorted, 0.50),
        rank(sorted, 0.99),
        Arrays.stream(sorted).average().orElse(Double.NaN),
        sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public String row(String what) {
    return String.format(
        "| %s | %d | %.0f | %.0f | %.0f | %.0f |", what, count, p50, p99, mean, max);
  }
}
