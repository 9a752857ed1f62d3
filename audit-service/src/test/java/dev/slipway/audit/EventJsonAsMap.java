package dev.slipway.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import java.util.Map;

/** A JSON object as the plain maps REST Assured gives back, to compare payloads. */
final class EventJsonAsMap {
  private EventJsonAsMap() {}

  static Map<String, Object> of(JsonNode node) {
    return EventJson.mapper().convertValue(node, new TypeReference<>() {});
  }
}
