package dev.slipway.deploy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * A platform rule over rendered manifests: a CEL {@code expression} that is true when an object
 * complies. {@code kinds} limits the objects it sees, {@code environmentKinds} the environments it
 * applies in (both empty: all). {@code field} may use {@code {pod}} for the object's pod spec path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GuardRail(
    String name,
    String expression,
    String message,
    String field,
    Severity severity,
    List<String> environmentKinds,
    List<String> kinds) {

  public GuardRail {
    environmentKinds = environmentKinds == null ? List.of() : List.copyOf(environmentKinds);
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
    severity = severity == null ? Severity.DENY : severity;
  }

  public enum Severity {
    DENY,
    WARN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Severity of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public boolean appliesIn(String environmentKind) {
    return environmentKinds.isEmpty() || environmentKinds.contains(environmentKind);
  }

  public boolean appliesTo(String kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
