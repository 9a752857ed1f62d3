package dev.slipway.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The run as docs/reliability.md reports it: per phase (baseline, during and after each fault) and
 * operation type, what was accepted, completed, failed, refused, duplicated and lost; the latency
 * of the answers during and after each fault; and how long each component took to come back.
 */
public final class FaultMatrix {

  private FaultMatrix() {}

  public static String markdown(ReliabilityRun.Outcome outcome) {
    var settings = outcome.settings();
    List<Attempt> attempts = outcome.attempts();
    Map<String, String> states = outcome.invariants().finalStates();
    Set<String> duplicated = outcome.invariants().duplicatedOperations();
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            "%d operations at concurrency %d over %d s; %d records duplicated and reordered;"
                + " %d poison records; %d invariant violations.%n%n",
            attempts.size(),
            settings.concurrency(),
            (outcome.loadEndedAt() - outcome.loadStartedAt()) / 1000,
            outcome.injector().duplicated(),
            outcome.injector().poisonKeys().size(),
            outcome.invariants().violations().size()));
    md.append(
        "| phase | operation | accepted | completed | failed | refused (503) | no answer |"
            + " duplicated | lost |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Set<String> phases = new LinkedHashSet<>();
    attempts.stream()
        .sorted(Comparator.comparingLong(Attempt::startedAtMillis))
        .forEach(a -> phases.add(a.phase()));
    for (String phase : phases) {
      for (OperationType type : OperationType.values()) {
        List<Attempt> cell =
            attempts.stream().filter(a -> a.phase().equals(phase) && a.type() == type).toList();
        if (cell.isEmpty()) {
          continue;
        }
        long accepted = count(cell, Attempt::accepted);
        long completed =
            count(
                cell,
                a -> a.async() ? "SUCCEEDED".equals(states.get(a.operationId())) : a.accepted());
        long failed =
            count(
                cell,
                a ->
                    a.async()
                        && ("FAILED".equals(states.get(a.operationId()))
                            || "REJECTED".equals(states.get(a.operationId()))));
        long lost =
            count(cell, a -> a.async() && !Invariants.isTerminal(states.get(a.operationId())));
        md.append(
            String.format(
                "| %s | %s | %d | %d | %d | %d | %d | %d | %d |%n",
                phase,
                type.label(),
                accepted,
                completed,
                failed,
                count(cell, Attempt::unavailable),
                count(cell, Attempt::noAnswer),
                count(cell, a -> a.async() && duplicated.contains(a.operationId())),
                lost));
      }
    }
    md.append("\n| fault | p50 during (ms) | p99 during (ms) | p50 after (ms) | p99 after (ms) |")
        .append(" recovery (ms) |\n|---|---:|---:|---:|---:|---:|\n");
    List<Attempt> baseline = attempts.stream().filter(a -> a.phase().equals("baseline")).toList();
    md.append(
        String.format(
            "| none (baseline) | %d | %d | | | |%n",
            percentile(baseline, 50), percentile(baseline, 99)));
    for (FaultWindow window : outcome.faults()) {
      List<Attempt> during =
          attempts.stream().filter(a -> a.phase().equals(window.during())).toList();
      List<Attempt> after =
          attempts.stream().filter(a -> a.phase().equals(window.after())).toList();
      md.append(
          String.format(
              "| %s | %d | %d | %d | %d | %d |%n",
              window.name(),
              percentile(during, 50),
              percentile(during, 99),
              percentile(after, 50),
              percentile(after, 99),
              window.recoveryMillis()));
    }
    List<String> violations = outcome.invariants().violations();
    if (!violations.isEmpty()) {
      md.append("\nViolations:\n\n");
      violations.forEach(v -> md.append("- ").append(v).append('\n'));
    }
    return md.toString();
  }

  private static long count(List<Attempt> attempts, Predicate<Attempt> which) {
    return attempts.stream().filter(which).count();
  }

  /** The latency percentile of the answers (no answer at all is not a latency). */
  static long percentile(List<Attempt> attempts, int percentile) {
    List<Long> latencies = new ArrayList<>();
    for (Attempt a : attempts) {
      if (!a.noAnswer()) {
        latencies.add(a.latencyMillis());
      }
    }
    if (latencies.isEmpty()) {
      return 0;
    }
    latencies.sort(null);
    int index = (int) Math.ceil(percentile / 100.0 * latencies.size()) - 1;
    return latencies.get(Math.max(0, index));
  }
}
