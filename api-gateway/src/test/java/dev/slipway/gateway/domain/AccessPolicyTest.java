package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.gateway.domain.AccessPolicy.Decision;
import dev.slipway.kit.security.Caller;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy table reads, and says what ARCHITECTURE.md's access matrix says. */
class AccessPolicyTest {

  static final AccessPolicy POLICY = AccessPolicy.load();
  static final Caller DEV =
      new Caller("d", "dev", Map.of("payments", Caller.Role.DEVELOPER), false);
  static final Caller LEAD =
      new Caller("l", "lead", Map.of("payments", Caller.Role.TECH_LEAD), false);
  static final Caller ADMIN = new Caller("a", "admin", Map.of(), true);

  @Test
  void aDevelopersProductionDeployIsARequestAndATechLeadsIsAllowed() {
    assertThat(POLICY.decide("app.deploy", DEV, "payments", EnvironmentKind.PRODUCTION))
        .isEqualTo(Decision.APPROVAL);
    assertThat(POLICY.decide("app.deploy", DEV, "payments", EnvironmentKind.STAGING))
        .isEqualTo(Decision.ALLOW);
    assertThat(POLICY.decide("app.deploy", LEAD, "payments", EnvironmentKind.PRODUCTION))
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void productionSecretValuesAreNeverShownEvenToAdmins() {
    for (Caller c : new Caller[] {DEV, LEAD, ADMIN}) {
      assertThat(POLICY.decide("secret.reveal", c, "payments", EnvironmentKind.PRODUCTION))
          .isEqualTo(Decision.DENY);
      assertThat(POLICY.decide("secret.reveal", c, "payments", EnvironmentKind.DEVELOPMENT))
          .isEqualTo(Decision.ALLOW);
    }
  }

  @Test
  void anotherTeamIsDeniedToAllButAdmins() {
    assertThat(POLICY.decide("app.read", LEAD, "search", EnvironmentKind.DEVELOPMENT))
        .isEqualTo(Decision.DENY);
    assertThat(POLICY.decide("app.read", ADMIN, "search", EnvironmentKind.DEVELOPMENT))
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void platformRoutesAreForAdminsOnly() {
    assertThat(POLICY.decide("platform.manage", LEAD, null, null)).isEqualTo(Decision.DENY);
    assertThat(POLICY.decide("platform.manage", ADMIN, null, null)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void aTechLeadsProductionDeletionWaitsForASecondPerson() {
    assertThat(POLICY.decide("environment.delete", LEAD, "payments", EnvironmentKind.PRODUCTION))
        .isEqualTo(Decision.APPROVAL);
    assertThat(POLICY.decide("environment.delete", DEV, "payments", EnvironmentKind.PRODUCTION))
        .isEqualTo(Decision.DENY);
  }

  @Test
  void everyRouteIsUnderApiV1AndNamesAKnownAction() {
    assertThat(POLICY.routes()).hasSizeGreaterThan(30);
    POLICY.routes().forEach(r -> assertThat(r.path()).startsWith("/api/v1/"));
    POLICY.routes().forEach(r -> assertThat(POLICY.rule(r.action())).isNotNull());
  }
}
