package dev.slipway.testkit.kubernetes;

import java.nio.file.Path;

/** A JVM that starts a LocalKubernetes and waits to be killed (see LocalKubernetesIT). */
public final class StartAndHang {
  private StartAndHang() {}

  public static void main(String[] args) throws InterruptedException {
    long begin = System.nanoTime();
    LocalKubernetes.start(Path.of(args[0]));
    System.out.println("started in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
