package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void theChallengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
    assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void everySignInHasItsOwnVerifierAndStateAndNeitherIsPrinted() {
    Pkce one = Pkce.generate();
    Pkce two = Pkce.generate();

    assertThat(one.verifier()).hasSize(43).isNotEqualTo(two.verifier());
    assertThat(one.state()).isNotEqualTo(two.state());
    assertThat(one.challenge()).isEqualTo(Pkce.s256(one.verifier()));
    assertThat(one.toString()).doesNotContain(one.verifier()).doesNotContain(one.state());
  }
}
