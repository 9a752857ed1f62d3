package dev.slipway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of event payloads. Readers ignore unknown fields because a version may grow
 * additively; writers emit ISO-8601 instants.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private EventJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(SlipwayEvent event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
    }
  }

  public static JsonNode tree(SlipwayEvent event) {
    return MAPPER.valueToTree(event);
  }

  /**
   * Reads a payload of the given type, rejecting what does not match the type's schema.
   *
   * @throws InvalidEventException when the payload is not JSON or violates the schema
   */
  public static <T extends SlipwayEvent> T read(EventType<T> type, String payload) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(type.ceType() + ": payload is not JSON");
    }
    // A producer on a newer minor version may add fields (additive changes only within v1):
    // readers tolerate them; everything else the schema says still holds.
    var errors =
        EventSchemas.validate(type, tree).stream()
            .filter(error -> !error.reason().equals(JsonSchemaCheck.UNKNOWN_FIELD))
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidEventException(type.ceType() + " violates its schema: " + errors);
    }
    try {
      return MAPPER.treeToValue(tree, type.recordClass());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidEventException(type.ceType() + ": " + e.getMessage());
    }
  }

  /** An event payload that can never be processed: it belongs in the dead-letter topic. */
  public static final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
      super(message);
    }
  }
}
