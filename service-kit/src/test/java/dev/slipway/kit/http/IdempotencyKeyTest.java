package dev.slipway.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void absentIsNoKeyAndBothTheQuotedAndTheBareFormAreTheSameKey() {
    assertThat(IdempotencyKey.parse(null)).isEmpty();
    assertThat(IdempotencyKey.parse("\"7c1f-42\"")).contains("7c1f-42");
    assertThat(IdempotencyKey.parse(" 7c1f-42 ")).contains("7c1f-42");
  }

  @Test
  void emptyTooLongOrInvisibleKeysAreA400NamingTheHeader() {
    for (String bad : new String[] {"", "\"\"", "a b", "é", "x".repeat(256)}) {
      assertThatThrownBy(() -> IdempotencyKey.parse(bad))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.problem().status()).isEqualTo(400);
                assertThat(e.problem().errors())
                    .extracting("field")
                    .containsExactly("Idempotency-Key");
              });
    }
    assertThat(IdempotencyKey.parse("x".repeat(255))).isPresent();
  }
}
