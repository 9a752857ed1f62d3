package dev.slipway.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the audit log. */
@ConfigMapping(prefix = "slipway.audit")
public interface AuditConfig {

  Query query();

  Verify verify();

  Export export();

  Stream stream();

  interface Export {
    /** At most this many records per export; narrow the filters (time range) for more. */
    @WithDefault("100000")
    int maxRecords();
  }

  interface Stream {
    /** How often a live stream looks for new records (every replica serves its own clients). */
    @WithDefault("1s")
    java.time.Duration pollInterval();
  }

  interface Query {
    @WithDefault("100")
    int defaultLimit();

    @WithDefault("1000")
    int maxLimit();
  }

  interface Verify {
    /** Records read per round trip while walking the chain. */
    @WithDefault("1000")
    int batchSize();
  }
}
