package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent mode of the local run, and the promise that no server outlives its JVM. */
class LocalKubernetesIT {

  @Test
  void aSecondStartOnTheSameDataDirKeepsObjectsCertificatesAndUrl(@TempDir Path dataDir)
      throws Exception {
    long cold = System.nanoTime();
    LocalKubernetes first = LocalKubernetes.start(dataDir);
    long firstStart = System.nanoTime() - cold;
    String kubeconfig;
    String url;
    try {
      first
          .adminClient()
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withNamespace("default")
                  .withName("survives-restart")
                  .endMetadata()
                  .addToData("k", "v")
                  .build())
          .create();
      kubeconfig = Files.readString(first.kubeconfig());
      url = first.apiServerUrl();
      report("first start (new data dir)", firstStart, first);
    } finally {
      first.stop();
    }

    long warm = System.nanoTime();
    LocalKubernetes second = LocalKubernetes.start(dataDir);
    long secondStart = System.nanoTime() - warm;
    try {
      report("second start (existing data dir)", secondStart, second);
      assertThat(
              second
                  .adminClient()
                  .configMaps()
                  .inNamespace("default")
                  .withName("survives-restart")
                  .get())
          .isNotNull();
      assertThat(second.apiServerUrl()).isEqualTo(url);
      assertThat(Files.readString(second.kubeconfig())).isEqualTo(kubeconfig);
      assertThat(Duration.ofNanos(secondStart)).isLessThan(Duration.ofSeconds(30));
    } finally {
      second.stop();
    }
  }

  @Test
  void serversDieWhenTheirJvmIsKilled(@TempDir Path dataDir) throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StartAndHang.class.getName(),
                dataDir.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
      assertThat(line).as("the child JVM exited before READY").isNotNull();
    }
    List<ProcessHandle> servers =
        List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok")
            .stream()
            .map(name -> dataDir.resolve(name + ".pid"))
            .filter(Files::exists)
            .map(LocalKubernetesIT::pid)
            .map(pid -> ProcessHandle.of(pid).orElseThrow())
            .toList();

    jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

    Eventually.within(
        Duration.ofSeconds(30),
        "every server gone",
        () -> servers.stream().noneMatch(ProcessHandle::isAlive));
  }

  private static long pid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (Exception e) {
      throw new AssertionError("no pid in " + file, e);
    }
  }

  /** Start time and resident memory, the numbers docs/kubernetes-api.md records. */
  private static void report(String what, long nanos, LocalKubernetes cluster) {
    StringBuilder memory = new StringBuilder();
    long total = 0;
    for (long pid : cluster.serverPids()) {
      long kb = rssKb(pid);
      total += kb;
      String name =
          ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?").replaceAll(".*/", "");
      memory.append(' ').append(name).append('=').append(kb / 1024).append("MiB");
    }
    System.out.printf(
        "[local-kubernetes] %s: %d ms; RSS%s, total %d MiB%n",
        what, Duration.ofNanos(nanos).toMillis(), memory, total / 1024);
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception e) {
      // Gone or unreadable: counts as nothing.
    }
    return 0;
  }
}
