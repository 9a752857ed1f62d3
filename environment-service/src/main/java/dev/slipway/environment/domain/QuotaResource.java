package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentQuota;
import java.math.BigDecimal;
import java.util.function.Function;

/** The resources a team's quota caps per environment, and how each is read from a quota. */
public enum QuotaResource {
  CPU("cpu", EnvironmentQuota::cpu),
  MEMORY("memory", EnvironmentQuota::memory),
  PODS("pods", q -> Integer.toString(q.pods())),
  STORAGE("storage", EnvironmentQuota::storage);

  private final String wire;
  private final Function<EnvironmentQuota, String> read;

  QuotaResource(String wire, Function<EnvironmentQuota, String> read) {
    this.wire = wire;
    this.read = read;
  }

  public String wire() {
    return wire;
  }

  public String text(EnvironmentQuota quota) {
    return read.apply(quota);
  }

  /** The value in base units; quotas in force always parse. */
  public BigDecimal value(EnvironmentQuota quota) {
    return Quantities.parse(text(quota))
        .orElseThrow(() -> new IllegalStateException(wire + " is not a quantity: " + text(quota)));
  }
}
