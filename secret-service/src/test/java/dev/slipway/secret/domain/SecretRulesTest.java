package dev.slipway.secret.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRulesTest {

  @Test
  void keysFollowKubernetesAndSizeStaysUnderOneMebibyte() {
    assertThat(SecretRules.values("values", Map.of("ok.key_-1", "v"))).isEmpty();
    assertThat(SecretRules.values("values", Map.of("bad key", "canary-rules")))
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).doesNotContain("canary"));
    assertThat(SecretRules.values("values", Map.of("..", "v"))).hasSize(1);
    assertThat(SecretRules.values("values", Map.of("big", "x".repeat(1024 * 1024))))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("1048576"));
    assertThat(SecretRules.name("name", "Db_Creds")).hasSize(1);
    assertThat(SecretRules.name("name", "db-credentials")).isEmpty();
  }

  @Test
  void rotationPoliciesComputeTheirNextRun() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    var daily = new RotationPolicy(null, 7, 16, "hex", List.of());
    assertThat(daily.next(now)).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    var cron = new RotationPolicy("0 3 * * *", null, 16, "hex", List.of());
    assertThat(cron.next(now)).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
    assertThat(RotationPolicy.validate("rotation", "not cron", null, null, null)).isNotEmpty();
    assertThat(RotationPolicy.validate("rotation", null, null, null, null)).isNotEmpty();
  }

  @Test
  void rotationRegeneratesOnlyThePolicysKeys() {
    var policy = new RotationPolicy(null, 1, 20, "hex", List.of("password"));
    var next = policy.rotate(SecretValues.of(Map.of("password", "old", "user", "app")));
    assertThat(next.get("user")).isEqualTo("app");
    assertThat(next.get("password")).hasSize(20).matches("[0-9a-f]+");
  }
}
