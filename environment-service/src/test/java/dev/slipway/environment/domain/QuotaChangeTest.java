package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.FieldError;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaChangeTest {

  static final EnvironmentQuota LIMITS = new EnvironmentQuota("64", "256Gi", 500, "2Ti");
  static final Map<EnvironmentKind, EnvironmentQuota> CURRENT = current();

  @Test
  void valuesThatDoNotParseAreRefusedFieldByField() {
    Map<String, String> staging = new HashMap<>();
    staging.put("cpu", "lots");
    staging.put("memory", "16GB");
    staging.put("pods", "2.5");
    staging.put("storage", null);
    staging.put("gpus", "1");
    var review =
        QuotaChange.review(
            "payments", CURRENT, Map.of("staging", staging, "qa", Map.of("cpu", "1")), LIMITS);

    assertThat(((QuotaChange.Review.Invalid) review).errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "kinds.staging.cpu",
            "kinds.staging.memory",
            "kinds.staging.pods",
            "kinds.staging.storage",
            "kinds.staging.gpus",
            "kinds.qa");
  }

  @Test
  void aValueAboveThePlatformLimitNamesTheLimit() {
    var review =
        QuotaChange.review(
            "payments", CURRENT, Map.of("production", Map.of("memory", "300Gi")), LIMITS);

    assertThat(((QuotaChange.Review.Invalid) review).errors())
        .containsExactly(
            new FieldError(
                "kinds.production.memory",
                "is above the platform's limit of 256Gi per environment"));
  }

  @Test
  void anyValueGoingUpIsAnIncreaseAndUnitsCompareByValue() {
    QuotaChange same = valid(Map.of("staging", Map.of("cpu", "8000m", "memory", "16384Mi")));
    assertThat(same.differences()).isEmpty();
    assertThat(same.increase()).isFalse();

    QuotaChange down = valid(Map.of("staging", Map.of("cpu", "4", "pods", "10")));
    assertThat(down.increase()).isFalse();
    assertThat(down.to().get(EnvironmentKind.STAGING))
        .isEqualTo(new EnvironmentQuota("4", "16Gi", 10, "200Gi"));

    QuotaChange mixed = valid(Map.of("staging", Map.of("cpu", "4", "storage", "201Gi")));
    assertThat(mixed.increase()).isTrue();
    assertThat(mixed.differences())
        .extracting(d -> d.resource().wire() + ":" + d.from() + ">" + d.to())
        .containsExactly("cpu:8>4", "storage:200Gi>201Gi");
  }

  @Test
  void theHashBindsTheTeamTheQuotaBeforeAndTheQuotaAfter() {
    QuotaChange change = valid(Map.of("staging", Map.of("cpu", "12")));
    assertThat(change.hash()).matches("[0-9a-f]{64}").isEqualTo(change.hash());

    assertThat(new QuotaChange("search", change.from(), change.to()).hash())
        .isNotEqualTo(change.hash());
    Map<EnvironmentKind, EnvironmentQuota> movedMeanwhile = new EnumMap<>(change.from());
    movedMeanwhile.put(EnvironmentKind.PREVIEW, new EnvironmentQuota("1", "4Gi", 20, "20Gi"));
    assertThat(new QuotaChange("payments", movedMeanwhile, change.to()).hash())
        .isNotEqualTo(change.hash());
  }

  private static QuotaChange valid(Map<String, Map<String, String>> proposed) {
    return ((QuotaChange.Review.Valid) QuotaChange.review("payments", CURRENT, proposed, LIMITS))
        .change();
  }

  private static Map<EnvironmentKind, EnvironmentQuota> current() {
    Map<EnvironmentKind, EnvironmentQuota> current = new EnumMap<>(EnvironmentKind.class);
    current.put(EnvironmentKind.PRODUCTION, new EnvironmentQuota("16", "32Gi", 100, "500Gi"));
    current.put(EnvironmentKind.STAGING, new EnvironmentQuota("8", "16Gi", 50, "200Gi"));
    current.put(EnvironmentKind.DEVELOPMENT, new EnvironmentQuota("4", "8Gi", 30, "100Gi"));
    current.put(EnvironmentKind.PREVIEW, new EnvironmentQuota("2", "4Gi", 20, "20Gi"));
    return current;
  }
}
