package dev.slipway.audit.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The first canonical JSON writer (a sorted copy of the tree, then serialized), kept as the oracle
 * that the streaming {@link CanonicalJson} must match byte for byte: chains written by either
 * verify with the other.
 */
final class TreeCanonicalJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeCanonicalJson() {}

  static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(canonical(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NODES.nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      var sorted = NODES.objectNode();
      for (String name : names) {
        sorted.set(name, canonical(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      var array = NODES.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(canonical(it.next()));
      }
      return array;
    }
    if (node.isNumber()) {
      BigDecimal number = node.decimalValue().stripTrailingZeros();
      // Plain notation and no trailing zeros: 1e2, 100 and 100.0 are one number.
      return NODES.rawValueNode(new RawValue(number.signum() == 0 ? "0" : number.toPlainString()));
    }
    return node;
  }
}
