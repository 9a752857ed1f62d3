package dev.slipway.deploy.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The shapes an app can take; each golden path renders one. */
public enum WorkloadType {
  WEB,
  WORKER,
  CRON,
  JOB;

  @JsonCreator
  public static WorkloadType fromSpec(String value) {
    return value == null ? WEB : valueOf(value.toUpperCase(Locale.ROOT));
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
