package dev.slipway.cli;

/**
 * The data of Server-Sent Events, line by line: {@code data:} lines are joined until a blank line
 * ends the event; comments and other fields are ignored.
 */
public final class SseParser {

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  /** Feeds one line; returns the event's data when the line ended an event, else null. */
  public String accept(String line) {
    if (line.isEmpty()) {
      if (!hasData) {
        return null;
      }
      String event = data.toString();
      data.setLength(0);
      hasData = false;
      return event;
    }
    if (line.startsWith("data:")) {
      String value = line.substring(5);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
    return null;
  }
}
