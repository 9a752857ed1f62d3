package dev.slipway.deploy.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading logs: parsing Kubernetes' timestamps, merging containers, filters and their bounds. */
class LogsTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static final ObserveConfig.Logs LIMITS =
      new ObserveConfig.Logs() {
        public int defaultTail() {
          return 100;
        }

        public int maxTail() {
          return 5000;
        }

        public int maxBytesPerContainer() {
          return 1_000_000;
        }

        public int maxContainers() {
          return 50;
        }

        public Duration readTimeout() {
          return Duration.ofSeconds(5);
        }

        public Duration followMax() {
          return Duration.ofMinutes(10);
        }

        public int maxPatternLength() {
          return 200;
        }

        public int regexBudgetPerLine() {
          return 100_000;
        }
      };

  @Test
  void aContainerThatDoesNotAnswerInTimeOrFailsIsNamedAndTheOthersStillCount() {
    LogReads reads = new LogReads();
    try {
      long begin = System.nanoTime();
      var outcomes =
          reads.readAll(
              java.util.List.of("fast", "hung", "broken"),
              source ->
                  switch (source) {
                    case "fast" -> java.util.List.of("2026-11-25T10:00:00Z up");
                    case "hung" -> {
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      yield java.util.List.of("too late");
                    }
                    default ->
                        throw new io.fabric8.kubernetes.client.KubernetesClientException(
                            new io.fabric8.kubernetes.api.model.StatusBuilder()
                                .withCode(400)
                                .withMessage("container broken is not valid")
                                .build());
                  },
              Duration.ofMillis(300));
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
      assertThat(outcomes.get(0).lines()).containsExactly("2026-11-25T10:00:00Z up");
      assertThat(outcomes.get(0).failure()).isNull();
      assertThat(outcomes.get(1).failure()).isEqualTo("no answer within 300 ms (node or kubelet)");
      assertThat(outcomes.get(1).lines()).isEmpty();
      assertThat(outcomes.get(2).failure()).isEqualTo("HTTP 400: container broken is not valid");
    } finally {
      reads.stop();
    }
  }

  @Test
  void aLineSplitsIntoItsTimestampAndMessage() {
    LogLine line = LogLine.parse("web-1", "web", "2026-11-25T10:59:35.185923456Z GET /ready 200");
    assertThat(line.time()).isEqualTo(Instant.parse("2026-11-25T10:59:35.185923456Z"));
    assertThat(line.message()).isEqualTo("GET /ready 200");
    assertThat(line.source()).isEqualTo("web-1/web");

    LogLine bare = LogLine.parse("web-1", "web", "panic: at the disco");
    assertThat(bare.time()).isNull();
    assertThat(bare.message()).isEqualTo("panic: at the disco");
  }

  @Test
  void containersMergeInTimeOrderAndAnUntimedLineStaysWithItsNeighbour() {
    var a =
        lines(
            "a",
            "2026-11-25T10:00:01Z one",
            "2026-11-25T10:00:04Z four",
            "\tat Stack.frame(Stack.java:1)");
    var b = lines("b", "2026-11-25T10:00:02Z two", "2026-11-25T10:00:05Z five");
    var c = lines("c", "2026-11-25T10:00:03Z three");

    var merged = LogMerger.merge(List.of(a, b, c), LogFilter.ALL, 100);

    assertThat(merged)
        .extracting(l -> l.source() + " " + l.message())
        .containsExactly(
            "a/app one",
            "b/app two",
            "c/app three",
            "a/app four",
            "a/app \tat Stack.frame(Stack.java:1)",
            "b/app five");
  }

  @Test
  void theTailIsTheLastLinesThatMatchTheFilter() {
    var a = lines("a", "2026-11-25T10:00:01Z GET /a 200", "2026-11-25T10:00:03Z GET /b 500");
    var b = lines("b", "2026-11-25T10:00:02Z GET /c 500", "2026-11-25T10:00:04Z GET /d 200");

    assertThat(LogMerger.merge(List.of(a, b), LogFilter.contains("500"), 1))
        .extracting(LogLine::message)
        .containsExactly("GET /b 500");
    assertThat(LogMerger.merge(List.of(a, b), LogFilter.ALL, 3))
        .extracting(LogLine::message)
        .containsExactly("GET /c 500", "GET /b 500", "GET /d 200");
    assertThat(LogMerger.merge(List.of(a, b), LogFilter.ALL, 0)).isEmpty();
  }

  @Test
  void sinceIsADurationBackOrAnRfc3339Time() {
    assertThat(query("10", "5m", null, false).since()).isEqualTo(NOW.minusSeconds(300));
    assertThat(query("10", "1h30m", null, false).since()).isEqualTo(NOW.minusSeconds(5400));
    assertThat(query(null, "2026-11-25T11:00:00Z", null, false).since())
        .isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    assertThat(query(null, null, null, false).tail()).isEqualTo(100);
  }

  @Test
  void badParametersAreRefusedEachWithItsField() {
    assertThatThrownBy(
            () -> LogQuery.of(LIMITS, "99999", "yesterday", "Bad_Pod", "-x", "(", true, NOW))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problem().errors())
                    .extracting(f -> f.field())
                    .containsExactly("tail", "since", "pod", "container", "grep"));
    assertThatThrownBy(() -> query("-1", null, null, false)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> query(null, "2026-11-26T00:00:00Z", null, false))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> query(null, null, "x".repeat(201), false))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aRegexFiltersAndACatastrophicOneCostsABoundedAmount() {
    LogFilter status = query(null, null, "\\s5\\d\\d$", true).filter();
    assertThat(status.matches("GET /b 503")).isTrue();
    assertThat(status.matches("GET /b 200")).isFalse();

    // (a+)+$ against many a's and a b backtracks exponentially without a bound.
    LogFilter evil = query(null, null, "(a+)+$", true).filter();
    long start = System.nanoTime();
    assertThat(evil.matches("a".repeat(40) + "b")).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(evil.matches("aaaa")).isTrue();
  }

  @Test
  void aSubstringIsNotARegex() {
    LogFilter text = query(null, null, "a.b", false).filter();
    assertThat(text.matches("xa.by")).isTrue();
    assertThat(text.matches("axb")).isFalse();
  }

  private static LogQuery query(String tail, String since, String grep, boolean regex) {
    return LogQuery.of(LIMITS, tail, since, null, null, grep, regex, NOW);
  }

  private static List<LogLine> lines(String pod, String... raw) {
    return java.util.Arrays.stream(raw).map(r -> LogLine.parse(pod, "app", r)).toList();
  }
}
