package dev.slipway.deploy.domain;

import java.util.Locale;

/** The shapes an app can take; each has its golden path. */
public enum WorkloadType {
  WEB,
  WORKER,
  CRON,
  JOB;

  public static WorkloadType fromSpec(String value) {
    return value == null ? WEB : valueOf(value.toUpperCase(Locale.ROOT));
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
