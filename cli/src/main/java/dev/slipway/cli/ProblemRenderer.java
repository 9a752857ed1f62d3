package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an RFC 9457 problem, or a FAILED operation's {@code detail} and {@code errors}, into lines
 * for a person: the detail first, then one line per field error, fields aligned.
 */
public final class ProblemRenderer {

  private ProblemRenderer() {}

  public static String render(String message, JsonNode problem) {
    StringBuilder out = new StringBuilder("Error: ").append(message);
    if (problem != null && problem.path("status").isInt()) {
      out.append(" (")
          .append(problem.path("status").asInt())
          .append(' ')
          .append(problem.path("title").asText(""))
          .append(')');
    }
    out.append('\n');
    out.append(fieldErrors(problem == null ? null : problem.path("errors")));
    return out.toString();
  }

  /** {@code field reason} lines, fields padded to the longest; empty without errors. */
  public static String fieldErrors(JsonNode errors) {
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      return "";
    }
    int width = 0;
    for (JsonNode e : errors) {
      width = Math.max(width, field(e).length());
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode e : errors) {
      String field = field(e);
      out.append("  ")
          .append(field)
          .append(" ".repeat(width - field.length() + 2))
          .append(e.path("reason").asText(e.path("message").asText("")))
          .append('\n');
    }
    return out.toString();
  }

  private static String field(JsonNode error) {
    String field = error.path("field").asText("");
    return field.isEmpty() ? "$" : field;
  }
}
