package dev.slipway.deploy.observe;

import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A request for an app's logs, checked: {@code tail} lines (bounded), {@code since} (a duration
 * back from now, or an RFC 3339 time), only {@code pod} and {@code container} when given, only
 * lines with {@code grep} (a substring, or with {@code regex=true} a bounded regular expression).
 */
public record LogQuery(
    int tail, Instant since, String pod, String container, String grep, LogFilter filter) {

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

  /** Every field error at once, or the query. */
  public static LogQuery of(
      ObserveConfig.Logs limits,
      String tail,
      String since,
      String pod,
      String container,
      String grep,
      boolean regex,
      Instant now) {
    List<FieldError> errors = new ArrayList<>();
    int lines = limits.defaultTail();
    if (tail != null && !tail.isBlank()) {
      try {
        lines = Integer.parseInt(tail.trim());
        if (lines < 0 || lines > limits.maxTail()) {
          errors.add(new FieldError("tail", "must be between 0 and " + limits.maxTail()));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("tail", "must be a whole number of lines"));
      }
    }
    Instant from = null;
    if (since != null && !since.isBlank()) {
      Duration back = Durations.parse(since);
      if (back != null) {
        from = now.minus(back);
      } else {
        try {
          from = Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
          errors.add(
              new FieldError(
                  "since", "must be a duration (30s, 5m, 2h) or an RFC 3339 time (UTC, ...Z)"));
        }
      }
      if (from != null && from.isAfter(now)) {
        errors.add(new FieldError("since", "must not be in the future"));
      }
    }
    if (pod != null && !DNS_SUBDOMAIN.matcher(pod).matches()) {
      errors.add(new FieldError("pod", "must be a pod name (DNS-1123 subdomain)"));
    }
    if (container != null && !DNS_LABEL.matcher(container).matches()) {
      errors.add(new FieldError("container", "must be a container name (DNS-1123 label)"));
    }
    LogFilter filter = LogFilter.ALL;
    if (grep != null && !grep.isEmpty()) {
      if (grep.length() > limits.maxPatternLength()) {
        errors.add(
            new FieldError(
                "grep", "must be at most " + limits.maxPatternLength() + " characters long"));
      } else if (regex) {
        try {
          filter = LogFilter.regex(Pattern.compile(grep), limits.regexBudgetPerLine());
        } catch (PatternSyntaxException e) {
          errors.add(new FieldError("grep", "is not a regular expression: " + e.getDescription()));
        }
      } else {
        filter = LogFilter.contains(grep);
      }
    } else if (regex) {
      errors.add(new FieldError("regex", "needs grep, the expression"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new LogQuery(lines, from, pod, container, grep, filter);
  }

  boolean filtered() {
    return !(filter instanceof LogFilter.All);
  }

  boolean wants(String podName, String containerName) {
    return (pod == null || pod.equals(podName))
        && (container == null || container.equals(containerName));
  }
}
