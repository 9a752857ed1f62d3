package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of environment; production is the one guarded by approvals and guard rails. */
public enum EnvironmentKind {
  PRODUCTION,
  STAGING,
  DEVELOPMENT,
  PREVIEW;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static EnvironmentKind fromWire(String value) {
    for (EnvironmentKind kind : values()) {
      if (kind.wire().equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown environment kind '"
            + value
            + "': one of production, staging, development, preview");
  }
}
