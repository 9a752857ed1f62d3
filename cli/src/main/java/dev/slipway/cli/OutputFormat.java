package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** {@code -o table|json|yaml}: tables for people, the API's own JSON (or YAML) for scripts. */
public enum OutputFormat {
  TABLE,
  JSON,
  YAML;

  /**
   * Prints {@code data} as JSON or YAML, or the human view for TABLE. The data is what the gateway
   * answered, unchanged, so scripts see the API's fields.
   */
  public void print(PrintWriter out, JsonNode data, Supplier<String> human) {
    switch (this) {
      case JSON -> out.println(Json.pretty(data));
      case YAML -> out.print(Json.yaml(data));
      case TABLE -> out.print(human.get());
    }
    out.flush();
  }
}
