package dev.slipway.gateway.persistence;

import dev.slipway.kit.retention.RetainedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** The gateway's tables that the kit's RetentionSweeper sweeps. */
@ApplicationScoped
public class RetainedTables {

  /** Commands' Idempotency-Keys: a client retries within minutes, not days. */
  @Produces
  RetainedTable commandKeys() {
    return new RetainedTable("command_key", "created_at", Duration.ofDays(1));
  }
}
