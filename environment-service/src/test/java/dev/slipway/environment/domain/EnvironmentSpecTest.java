package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentKind;
import org.junit.jupiter.api.Test;

class EnvironmentSpecTest {

  @Test
  void namespaceIsTeamDashEnvironment() {
    var spec = new EnvironmentSpec("payments", "pr-42", EnvironmentKind.PREVIEW);

    assertThat(spec.namespace()).isEqualTo("payments-pr-42");
    assertThat(spec.namespaceProblem()).isEmpty();
  }

  @Test
  void refusesANamespaceLongerThan63Characters() {
    var spec = new EnvironmentSpec("payments", "e".repeat(55), EnvironmentKind.DEVELOPMENT);

    assertThat(spec.namespace()).hasSize(64);
    assertThat(spec.namespaceProblem())
        .hasValueSatisfying(reason -> assertThat(reason).contains("64 characters", "at most 63"));
  }

  @Test
  void exactly63CharactersIsAllowed() {
    var spec = new EnvironmentSpec("payments", "e".repeat(54), EnvironmentKind.DEVELOPMENT);

    assertThat(spec.namespaceProblem()).isEmpty();
  }
}
