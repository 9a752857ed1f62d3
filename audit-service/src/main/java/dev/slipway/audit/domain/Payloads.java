package dev.slipway.audit.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

/** Reads event data as a JSON tree without losing a digit, whatever its type or shape. */
public final class Payloads {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // Keep numbers as sent (18.0 stays 18.0): the API returns payloads as stored.
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Payloads() {}

  /**
   * The data as JSON. Data that is not JSON (an unknown producer's plain text) is kept as a JSON
   * string: the audit log records everything it receives.
   */
  public static JsonNode parse(String data) {
    if (data == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      JsonNode tree = MAPPER.readTree(data);
      return tree == null || tree.isMissingNode() ? TextNode.valueOf(data) : tree;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(data);
    }
  }

  /** The tree as JSON text, for storing. */
  public static String write(JsonNode payload) {
    try {
      return MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
