package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvironmentOverviewTest {

  static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant ACTIVE = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void nonProductionExpiresIdleDaysAfterItsLastActivity() {
    var overview = EnvironmentOverview.of(environment(EnvironmentKind.PREVIEW), 3, 30, NOW);

    assertThat(overview.expiresAt()).isEqualTo(Instant.parse("2026-12-20T10:00:00Z"));
    assertThat(overview.age()).isEqualTo(Duration.ofDays(24));
    assertThat(overview.apps()).isEqualTo(3);
  }

  @Test
  void productionNeverExpires() {
    assertThat(
            EnvironmentOverview.of(environment(EnvironmentKind.PRODUCTION), 0, 30, NOW).expiresAt())
        .isNull();
  }

  private static Environment environment(EnvironmentKind kind) {
    return new Environment(
        "payments",
        "x",
        kind,
        "payments-x",
        EnvironmentStatus.READY,
        CREATED,
        ACTIVE,
        null,
        false,
        null);
  }
}
