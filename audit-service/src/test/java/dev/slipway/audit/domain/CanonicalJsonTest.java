package dev.slipway.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming writer must give exactly the text of the first, tree-copying one: records already
 * chained were hashed with it.
 */
class CanonicalJsonTest {

  private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"team\":\"payments\",\"amount\":1.170,\"cpu\":1e2,\"tags\":[{\"b\":1,\"a\":2}]}",
        "{\"z\":{\"y\":{\"x\":[1,2.50,-0.0,0E-10,1E+3,123456789012345678901234567890]}},\"a\":null}",
        "{\"quote\":\"a \\\"b\\\" \\\\ c\",\"control\":\"\\u0001\\t\\n\",\"unicode\":\"zürich ✓ 😀\"}",
        "{\"B\":1,\"a\":2,\"_\":3,\"aa\":4,\"\":5,\"é\":6}",
        "{\"empty\":{},\"list\":[],\"t\":true,\"f\":false,\"n\":-42,\"big\":9223372036854775808}",
        "[3,\"x\",{\"k\":0.000}]",
        "\"just text, not JSON\"",
        "12.3400",
      })
  void matchesTheTreeCopyingWriterByteForByte(String payload) {
    var entry =
        new ReceivedEvent("e-1", "t.v1", "/src", "payments/dev/app", payload, AT).toEntry(AT);

    assertThat(CanonicalJson.write(entry.payload()))
        .isEqualTo(TreeCanonicalJson.write(entry.payload()));
    assertThat(entry.canonical()).isEqualTo(TreeCanonicalJson.write(envelope(entry)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json at all {", ""})
  void entriesWithoutJsonDataOrFieldsMatchToo(String data) {
    var entry = new ReceivedEvent("e-2", "t.v1", null, null, data, AT).toEntry(AT);

    assertThat(entry.canonical()).isEqualTo(TreeCanonicalJson.write(envelope(entry)));
  }

  /** The content object as the first AuditEntry.canonical built it. */
  private static ObjectNode envelope(AuditEntry e) {
    ObjectNode content = JsonNodeFactory.instance.objectNode();
    content.put("eventId", e.eventId());
    content.put("type", e.type());
    content.put("source", e.source());
    content.put("subject", e.subject());
    content.put("team", e.team());
    content.put("environment", e.environment());
    content.put("app", e.app());
    content.put("operationId", e.operationId());
    content.put("actor", e.actor());
    content.set("payload", e.payload());
    content.put("occurredAt", e.occurredAt().toString());
    content.put("recordedAt", e.recordedAt().toString());
    return content;
  }
}
