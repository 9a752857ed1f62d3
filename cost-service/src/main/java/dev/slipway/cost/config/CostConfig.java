package dev.slipway.cost.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** cost-service settings ({@code slipway.cost.*}). */
@ConfigMapping(prefix = "slipway.cost")
public interface CostConfig {

  /** The price list in force until a platform admin sets one through the API. */
  Prices prices();

  Samples samples();

  /** How often usage is sampled (a Quarkus scheduler interval such as 5m; "off" for none). */
  String sampleEvery();

  Reports reports();

  interface Reports {
    /** When the closed month's chargeback reports are generated (a cron, UTC). */
    String cron();
  }

  interface Prices {
    @WithDefault("0.031611")
    BigDecimal vcpuHour();

    @WithDefault("0.004237")
    BigDecimal gibHour();

    @WithDefault("0.08")
    BigDecimal storageGibMonth();

    @WithDefault("0")
    BigDecimal namespaceMonth();

    @WithDefault("USD")
    String currency();
  }

  Bills bills();

  Prometheus prometheus();

  interface Bills {
    /** The largest bill file accepted, uncompressed (413 beyond). */
    @WithDefault("32M")
    MemorySize maxSize();
  }

  interface Prometheus {
    /** The Prometheus server usage is read from; without one, requests only. */
    Optional<URI> url();

    /** The rate window of CPU usage: the sampling interval, so each interval gets its own. */
    @WithDefault("5m")
    String window();

    @WithDefault("10s")
    Duration timeout();
  }

  interface Samples {
    /** Samples older than this many days are dropped; the daily costs stay. */
    @WithDefault("40")
    int retentionDays();
  }
}
