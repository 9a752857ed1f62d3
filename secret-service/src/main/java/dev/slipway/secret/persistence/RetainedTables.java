package dev.slipway.secret.persistence;

import dev.slipway.kit.retention.RetainedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** secret-service's tables that the kit's RetentionSweeper sweeps. */
@ApplicationScoped
public class RetainedTables {

  /** Secret changes' Idempotency-Keys: a client retries within minutes, not days. */
  @Produces
  RetainedTable secretRequests() {
    return new RetainedTable("secret_request", "created_at", Duration.ofDays(1));
  }
}
