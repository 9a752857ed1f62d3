package dev.slipway.cost.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

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

  interface Samples {
    /** Samples older than this many days are dropped; the daily costs stay. */
    @WithDefault("40")
    int retentionDays();
  }
}
