package dev.slipway.deploy.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names derived from an app's name. Kubernetes caps most names at 63 characters (CronJob at 52,
 * since its Jobs add 11); a longer derived name keeps a readable prefix and ends with a hash of the
 * full name, so two long names never collide and the same input always gives the same name.
 */
public final class Names {

  public static final int MAX = 63;
  public static final int CRON_JOB_MAX = 52;
  private static final int HASH_LENGTH = 8;

  private Names() {}

  public static String derived(String app, String suffix) {
    return fit(app + suffix, MAX);
  }

  public static String fit(String name, int max) {
    if (name.length() <= max) {
      return name;
    }
    String hash = hash(name).substring(0, HASH_LENGTH);
    String prefix = name.substring(0, max - HASH_LENGTH - 1);
    while (prefix.endsWith("-")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + hash;
  }

  public static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
