package dev.slipway.deploy.observe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Merges the lines of several containers into one list in time order, as far as the timestamps
 * allow: each container's own order is kept, and a line without a timestamp follows the line before
 * it in its container. Then keeps the lines the filter wants, and the last {@code tail} of them.
 */
final class LogMerger {

  private LogMerger() {}

  static List<LogLine> merge(List<List<LogLine>> perContainer, LogFilter filter, int tail) {
    List<Deque<LogLine>> heads = new ArrayList<>();
    for (List<LogLine> lines : perContainer) {
      if (!lines.isEmpty()) {
        heads.add(new ArrayDeque<>(lines));
      }
    }
    Deque<LogLine> kept = new ArrayDeque<>();
    while (!heads.isEmpty()) {
      Deque<LogLine> next = earliest(heads);
      LogLine line = next.pollFirst();
      if (next.isEmpty()) {
        heads.remove(next);
      }
      if (filter.matches(line.message())) {
        kept.addLast(line);
        if (kept.size() > tail) {
          kept.pollFirst();
        }
      }
    }
    return List.copyOf(kept);
  }

  /** The container whose next line comes first; a line without a time comes at once. */
  private static Deque<LogLine> earliest(List<Deque<LogLine>> heads) {
    Deque<LogLine> best = null;
    for (Deque<LogLine> head : heads) {
      LogLine line = head.peekFirst();
      if (line.time() == null) {
        return head;
      }
      if (best == null || line.time().isBefore(best.peekFirst().time())) {
        best = head;
      }
    }
    return best;
  }
}
