package dev.slipway.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The checked-in JSON Schema of every event type; producers and consumers validate against it. */
public final class EventSchemas {

  private static final Map<String, JsonSchemaCheck> CACHE = new ConcurrentHashMap<>();

  private EventSchemas() {}

  public static List<FieldError> validate(EventType<?> type, JsonNode payload) {
    return CACHE
        .computeIfAbsent(type.ceType(), t -> JsonSchemaCheck.fromClasspath(type.schemaResource()))
        .validate(payload);
  }
}
