package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesBinariesTest {

  @Test
  void theFallbackVersionIsTheOnePinnedInVersionsEnv() {
    assertThat(KubernetesBinaries.repositoryRoot()).isPresent();
    assertThat(KubernetesBinaries.pinnedVersion(KubernetesBinaries.repositoryRoot().get()))
        .isEqualTo(KubernetesBinaries.DEFAULT_VERSION);
  }

  @Test
  void theCacheIsWhereBuildShPutsIt() {
    assertThat(KubernetesBinaries.cacheRoot().toString()).endsWith("kube-api-test");
  }
}
