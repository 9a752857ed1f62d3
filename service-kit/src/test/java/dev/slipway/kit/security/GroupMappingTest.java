package dev.slipway.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMappingTest {

  @Test
  void keycloakGroupPathsByDefaultWithOrWithoutTheLeadingSlash() {
    Caller caller =
        GroupMapping.defaults()
            .caller(
                "s",
                "alice",
                List.of("/teams/payments/developer", "teams/search/tech-lead", "/other"));
    assertThat(caller.teams())
        .isEqualTo(Map.of("payments", Caller.Role.DEVELOPER, "search", Caller.Role.TECH_LEAD));
    assertThat(caller.platformAdmin()).isFalse();
  }

  @Test
  void techLeadWinsOverDeveloperInTheSameTeamWhateverTheOrder() {
    Caller caller =
        GroupMapping.defaults()
            .caller("s", "bob", List.of("/teams/payments/tech-lead", "/teams/payments/developer"));
    assertThat(caller.teams()).isEqualTo(Map.of("payments", Caller.Role.TECH_LEAD));
  }

  @Test
  void otherProvidersNamingIsConfigured() {
    var entra = new GroupMapping("slipway-admins", "slipway-{team}-dev", "slipway-{team}-lead");
    Caller caller =
        entra.caller(
            "s", "eve", List.of("slipway-payments-dev", "slipway-search-lead", "slipway-admins"));
    assertThat(caller.teams())
        .isEqualTo(Map.of("payments", Caller.Role.DEVELOPER, "search", Caller.Role.TECH_LEAD));
    assertThat(caller.platformAdmin()).isTrue();
  }

  @Test
  void aGroupThatWouldNameAnInvalidTeamIsIgnored() {
    Caller caller =
        GroupMapping.defaults()
            .caller("s", "x", List.of("/teams/Pay_ments/developer", "/teams//developer"));
    assertThat(caller.teams()).isEmpty();
  }

  @Test
  void aTemplateWithoutTeamIsRefused() {
    assertThatThrownBy(() -> GroupMapping.pattern("/developers"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
