package dev.slipway.gateway.domain;

/**
 * How deeply a JSON text nests, counted on the raw bytes before any parser sees them (a parser
 * handed a million nested arrays spends its stack on them). Brackets inside strings do not count.
 */
public final class JsonDepth {

  private JsonDepth() {}

  /** True when the text nests deeper than {@code max}. Not a validator: invalid JSON passes. */
  public static boolean exceeds(byte[] json, int max) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (byte b : json) {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      switch (b) {
        case '"' -> inString = true;
        case '[', '{' -> {
          if (++depth > max) {
            return true;
          }
        }
        case ']', '}' -> depth--;
        default -> {}
      }
    }
    return false;
  }
}
