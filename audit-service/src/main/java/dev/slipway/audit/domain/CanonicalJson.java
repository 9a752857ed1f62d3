package dev.slipway.audit.domain;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One text per JSON value, whatever the spelling it arrived in: keys sorted, no whitespace, numbers
 * in plain decimal without trailing zeros. The hash of a record is computed when it is appended
 * (from the event as received) and again when the chain is verified (from the jsonb PostgreSQL
 * gives back, which reorders keys and may respell numbers such as {@code 1e2}); both must give the
 * same text.
 *
 * <p>Written straight from the tree to one generator (no sorted copy of the tree): this runs for
 * every record appended and every record verified, so it sets the pace of both (issue 9).
 */
public final class CanonicalJson {

  /**
   * Characters outside the BMP as their UTF-8 bytes, not as escaped surrogate pairs: the text
   * hashed is the one a String writer gives, as when the chain's first records were written.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private CanonicalJson() {}

  public static String write(JsonNode value) {
    return new String(utf8(json -> write(value, json)), StandardCharsets.UTF_8);
  }

  /**
   * What {@code content} writes to a generator, as UTF-8: the bytes that are hashed, with no detour
   * through a String.
   */
  static byte[] utf8(Content content) {
    ByteArrayBuilder out = new ByteArrayBuilder(2048);
    try {
      try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
        content.writeTo(json);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
  }

  /** Writes canonical JSON: object keys in sorted order, values through {@link #write}. */
  @FunctionalInterface
  interface Content {
    void writeTo(JsonGenerator json) throws IOException;
  }

  /** Writes the value canonically. */
  static void write(JsonNode node, JsonGenerator json) throws IOException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      json.writeNull();
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      json.writeStartObject();
      for (Map.Entry<String, JsonNode> field : fields) {
        json.writeFieldName(field.getKey());
        write(field.getValue(), json);
      }
      json.writeEndObject();
    } else if (node.isArray()) {
      json.writeStartArray();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        write(it.next(), json);
      }
      json.writeEndArray();
    } else if (node.isNumber()) {
      // Plain notation and no trailing zeros: 1e2, 100 and 100.0 are one number.
      json.writeRawValue(plain(node));
    } else if (node.isTextual()) {
      json.writeString(node.textValue());
    } else if (node.isBoolean()) {
      json.writeBoolean(node.booleanValue());
    } else {
      // Binary or POJO nodes never come out of parsing text; written as Jackson would.
      json.writeString(node.asText());
    }
  }

  private static String plain(JsonNode number) {
    if (number.isIntegralNumber() && number.canConvertToLong()) {
      return Long.toString(number.longValue());
    }
    BigDecimal value = number.decimalValue().stripTrailingZeros();
    return value.signum() == 0 ? "0" : value.toPlainString();
  }
}
