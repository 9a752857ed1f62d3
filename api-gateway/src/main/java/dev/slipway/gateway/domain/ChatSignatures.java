package dev.slipway.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack's request signing: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":"
 * + raw body>} with the app's signing secret, and {@code X-Slack-Request-Timestamp} within the
 * replay window. Constant-time comparison only.
 */
public final class ChatSignatures {

  private ChatSignatures() {}

  public static boolean valid(
      String secret,
      byte[] body,
      String timestamp,
      String signature,
      Instant now,
      Duration replayWindow) {
    if (secret == null
        || secret.isEmpty()
        || timestamp == null
        || signature == null
        || !signature.startsWith("v0=")) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > replayWindow.toSeconds()) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(3));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, timestamp.trim(), body), given);
  }

  public static byte[] sign(String secret, String timestamp, byte[] body) {
    byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
    byte[] base = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, base, 0, prefix.length);
    System.arraycopy(body, 0, base, prefix.length, body.length);
    return WebhookSignatures.hmacSha256(secret, base);
  }
}
