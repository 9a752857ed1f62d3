package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Small formatting helpers shared by the tables. */
final class Views {

  private Views() {}

  /** {@code PT26H3M} → {@code 1d2h}; anything unreadable as it is. */
  static String age(String isoDuration) {
    if (isoDuration == null || isoDuration.isBlank() || "null".equals(isoDuration)) {
      return null;
    }
    try {
      return human(Duration.parse(isoDuration));
    } catch (DateTimeParseException e) {
      return isoDuration;
    }
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 86_400) {
      long hours = (s % 86_400) / 3600;
      return (s / 86_400) + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (s >= 3600) {
      long minutes = (s % 3600) / 60;
      return (s / 3600) + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    if (s >= 60) {
      return (s / 60) + "m";
    }
    return s + "s";
  }

  /** How long until {@code instant} ("in 3d"), or how long ago it was; null stays null. */
  static String until(JsonNode instant, Instant now) {
    if (instant == null || !instant.isTextual()) {
      return null;
    }
    try {
      Instant at = Instant.parse(instant.asText());
      return at.isAfter(now)
          ? "in " + human(Duration.between(now, at))
          : human(Duration.between(at, now)) + " ago";
    } catch (DateTimeParseException e) {
      return instant.asText();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isArray()) {
      // A list of names (a secret version's keys): asText() of an array is empty.
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
