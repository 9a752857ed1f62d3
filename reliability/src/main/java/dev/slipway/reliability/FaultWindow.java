package dev.slipway.reliability;

/**
 * When a fault was injected and mended: {@code recoveryMillis} is from the start of the repair
 * (restart, start) until the component served again.
 */
public record FaultWindow(String name, long injectedAt, long recoveryStartedAt, long recoveredAt) {

  public long recoveryMillis() {
    return recoveredAt - recoveryStartedAt;
  }

  public String during() {
    return "during " + name;
  }

  public String after() {
    return "after " + name;
  }
}
