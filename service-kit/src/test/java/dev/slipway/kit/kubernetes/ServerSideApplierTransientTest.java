package dev.slipway.kit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ServerSideApplierTransientTest {

  @Test
  void aConflictThatSurvivesAForcedApplyIsRetriedNotRejected() {
    assertThat(ServerSideApplier.isTransient(new KubernetesClientException("conflict", 409, null)))
        .isTrue();
    assertThat(ServerSideApplier.isTransient(new KubernetesClientException("busy", 429, null)))
        .isTrue();
  }

  @Test
  void anExhaustedClusterIpOrNodePortRangeFailsInsteadOfRetryingForEver() {
    var full =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(500)
                .withMessage(
                    "Internal error occurred: failed to allocate a serviceIP: range is full")
                .build());
    assertThat(ServerSideApplier.isTransient(full)).isFalse();
    assertThat(ServerSideApplier.translate(full, null))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining("range is full");
    assertThat(ServerSideApplier.isTransient(new KubernetesClientException("etcd down", 500, null)))
        .isTrue();
  }

  @Test
  void aRefusalIsNotRetried() {
    assertThat(ServerSideApplier.isTransient(new KubernetesClientException("invalid", 422, null)))
        .isFalse();
    assertThat(ServerSideApplier.isTransient(new KubernetesClientException("forbidden", 403, null)))
        .isFalse();
  }
}
