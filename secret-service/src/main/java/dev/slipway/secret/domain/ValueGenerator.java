package dev.slipway.secret.domain;

import java.security.SecureRandom;

/** Random values for rotation and for clones: {@code length} characters drawn from a charset. */
public final class ValueGenerator {

  public static final int DEFAULT_LENGTH = 32;
  public static final String DEFAULT_CHARSET = "alphanumeric";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ValueGenerator() {}

  /** The characters of a named charset, or the charset itself when it is not a known name. */
  public static String characters(String charset) {
    if (charset == null || charset.isEmpty()) {
      charset = DEFAULT_CHARSET;
    }
    return switch (charset) {
      case "alphanumeric" -> "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      case "hex" -> "0123456789abcdef";
      case "base64url" -> "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      case "printable" ->
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~";
      default -> charset;
    };
  }

  public static String generate(int length, String charset) {
    String chars = characters(charset);
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return value.toString();
  }
}
