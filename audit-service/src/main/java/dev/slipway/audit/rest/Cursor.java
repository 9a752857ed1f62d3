package dev.slipway.audit.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors. They wrap the last seq seen (keyset paging: stable while records are
 * appended), but clients must not build them, so the format may change.
 */
final class Cursor {

  private static final String PREFIX = "seq:";

  private Cursor() {}

  static String encode(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the cursor was not made by {@link #encode}
   */
  static long decode(String cursor) {
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a cursor");
    }
    long seq = Long.parseLong(text.substring(PREFIX.length()));
    if (seq < 0) {
      throw new IllegalArgumentException("not a cursor");
    }
    return seq;
  }
}
