package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KubectlIT {

  @Test
  void kubectlFromTheCacheWorksWithTheWrittenKubeconfig() throws Exception {
    LocalKubernetes cluster = LocalKubernetes.shared();
    String namespace = cluster.createTestNamespace("kubectl");

    Process kubectl =
        new ProcessBuilder(
                cluster.binaries().kubectl().toString(),
                "--kubeconfig",
                cluster.kubeconfig().toString(),
                "get",
                "ns",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(output).isZero();
    assertThat(output).contains("namespace/default", "namespace/" + namespace);
  }
}
