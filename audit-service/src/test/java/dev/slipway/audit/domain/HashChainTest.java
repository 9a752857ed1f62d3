package dev.slipway.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashChainTest {

  private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

  private static AuditEntry entry(String payload) {
    return new ReceivedEvent(
            "e-1",
            "dev.slipway.cost.computed.v1",
            "/slipway/cost-service",
            "payments/dev",
            payload,
            AT)
        .toEntry(AT);
  }

  @Test
  void hashIgnoresHowPostgresRespellsTheStoredPayload() {
    // As sent by a producer, and as jsonb gives it back: keys reordered, numbers respelled.
    String sent =
        "{\"team\":\"payments\",\"amount\":1.170,\"cpu\":1e2,\"tags\":[{\"b\":1,\"a\":2}]}";
    String fromJsonb =
        "{\"cpu\": 100, \"team\": \"payments\", \"tags\": [{\"a\": 2, \"b\": 1}], \"amount\": 1.17}";

    assertThat(HashChain.hash(HashChain.GENESIS, entry(sent)))
        .isEqualTo(HashChain.hash(HashChain.GENESIS, entry(fromJsonb)));
  }

  @Test
  void anyChangeOfContentOrLinkChangesTheHash() {
    String hash = HashChain.hash(HashChain.GENESIS, entry("{\"team\":\"payments\"}"));

    assertThat(HashChain.hash(HashChain.GENESIS, entry("{\"team\":\"search\"}")))
        .isNotEqualTo(hash);
    assertThat(HashChain.hash("1".repeat(64), entry("{\"team\":\"payments\"}"))).isNotEqualTo(hash);
    assertThat(hash).matches("[0-9a-f]{64}");
  }

  @Test
  void chainCheckNamesAChangedRecordAndAMissingLink() {
    AuditEntry original = entry("{\"team\":\"payments\"}");
    String hash = HashChain.hash(HashChain.GENESIS, original);
    var sound = new StoredRecord(1, original, HashChain.GENESIS, hash);
    var changed = new StoredRecord(1, entry("{\"team\":\"search\"}"), HashChain.GENESIS, hash);

    assertThat(ChainCheck.problemWith(sound, HashChain.GENESIS)).isNull();
    assertThat(ChainCheck.problemWith(changed, HashChain.GENESIS)).contains("was changed");
    assertThat(ChainCheck.problemWith(sound, "f".repeat(64))).contains("removed or reordered");
  }
}
