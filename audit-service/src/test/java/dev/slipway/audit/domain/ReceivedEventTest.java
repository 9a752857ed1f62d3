package dev.slipway.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:05.123456789Z");

  @Test
  void knownFieldsComeFromThePayloadAndTheActorFromRequestedBy() {
    var entry =
        new ReceivedEvent(
                "e-1",
                "dev.slipway.deploy.requested.v1",
                "/slipway/api-gateway",
                "payments/dev/hello",
                "{\"operationId\":\"op-1\",\"team\":\"payments\",\"environment\":\"dev\","
                    + "\"app\":\"hello\",\"requestedBy\":{\"subject\":\"s\",\"username\":\"alice\"}}",
                Instant.parse("2026-11-25T10:00:00Z"))
            .toEntry(NOW);

    assertThat(entry.team()).isEqualTo("payments");
    assertThat(entry.environment()).isEqualTo("dev");
    assertThat(entry.app()).isEqualTo("hello");
    assertThat(entry.operationId()).isEqualTo("op-1");
    assertThat(entry.actor()).isEqualTo("alice");
    assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(entry.recordedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:05.123456Z"));
  }

  @Test
  void anUnknownTypeIsPlacedByItsSubjectAndKeptEvenWhenNotJson() {
    var entry =
        new ReceivedEvent(
                "e-2",
                "com.example.something.v7",
                "/elsewhere",
                "search/staging/indexer",
                "not json at all",
                null)
            .toEntry(NOW);

    assertThat(entry.team()).isEqualTo("search");
    assertThat(entry.environment()).isEqualTo("staging");
    assertThat(entry.app()).isEqualTo("indexer");
    assertThat(entry.actor()).isNull();
    assertThat(entry.payload().asText()).isEqualTo("not json at all");
    assertThat(entry.occurredAt()).isEqualTo(entry.recordedAt());
  }

  @Test
  void aSubjectWithoutAppLeavesAppEmpty() {
    var entry = new ReceivedEvent("e-3", "x", null, "search/dev", "{}", NOW).toEntry(NOW);

    assertThat(entry.team()).isEqualTo("search");
    assertThat(entry.environment()).isEqualTo("dev");
    assertThat(entry.app()).isNull();
  }
}
