package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void depthCountsBracketsOutsideStringsOnly() {
    assertThat(JsonDepth.exceeds(bytes("{\"a\":[[1]]}"), 3)).isFalse();
    assertThat(JsonDepth.exceeds(bytes("{\"a\":[[[1]]]}"), 3)).isTrue();
    assertThat(JsonDepth.exceeds(bytes("{\"a\":\"[[[[[[\\\"[[[[\"}"), 1)).isFalse();
  }

  @Test
  void aBucketRefillsAtItsRateUpToItsBurst() {
    AtomicLong now = new AtomicLong();
    TokenBuckets buckets = new TokenBuckets(now::get);
    assertThat(buckets.take("u", 1, 2)).isZero();
    assertThat(buckets.take("u", 1, 2)).isZero();
    assertThat(buckets.take("u", 1, 2)).isEqualTo(1);
    now.addAndGet(1_000_000_000L);
    assertThat(buckets.take("u", 1, 2)).isZero();
    assertThat(buckets.take("other", 1, 2)).isZero();
  }

  @Test
  void chatSignaturesHoldWithinTheReplayWindowOnly() {
    byte[] body = bytes("payload=x");
    java.time.Instant now = java.time.Instant.ofEpochSecond(1_800_000_000L);
    String ts = Long.toString(now.getEpochSecond());
    String sig = "v0=" + java.util.HexFormat.of().formatHex(ChatSignatures.sign("s", ts, body));
    var window = java.time.Duration.ofMinutes(5);
    assertThat(ChatSignatures.valid("s", body, ts, sig, now, window)).isTrue();
    assertThat(ChatSignatures.valid("s", body, ts, sig, now.plusSeconds(301), window)).isFalse();
    assertThat(ChatSignatures.valid("t", body, ts, sig, now, window)).isFalse();
    assertThat(ChatSignatures.valid("s", bytes("payload=y"), ts, sig, now, window)).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
