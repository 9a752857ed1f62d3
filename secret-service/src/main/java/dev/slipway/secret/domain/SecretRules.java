package dev.slipway.secret.domain;

import dev.slipway.events.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a secret may be called and hold. Names are DNS-1123 labels (they become a Kubernetes object
 * name, a label value and part of the pod-template annotation {@code slipway.dev/secret-<name>},
 * all at most 63 characters); keys follow Kubernetes' Secret key rule; the total stays under the
 * API server's 1 MiB object limit. Error reasons never quote a value.
 */
public final class SecretRules {

  public static final long MAX_TOTAL_BYTES = 1024 * 1024;
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

  private SecretRules() {}

  public static List<FieldError> name(String field, String name) {
    if (name == null || name.isEmpty()) {
      return List.of(new FieldError(field, "is required"));
    }
    if (name.length() > 63 || !NAME.matcher(name).matches()) {
      return List.of(
          new FieldError(
              field,
              "must be a DNS-1123 label: at most 63 lower-case letters, digits and '-',"
                  + " starting and ending with a letter or digit"));
    }
    return List.of();
  }

  public static boolean validKey(String key) {
    return key != null
        && !key.isEmpty()
        && key.length() <= 253
        && KEY.matcher(key).matches()
        && !key.equals(".")
        && !key.equals("..");
  }

  /** Checks keys and size; values are only measured, never quoted. */
  public static List<FieldError> values(String field, Map<String, String> values) {
    List<FieldError> errors = new ArrayList<>();
    if (values == null || values.isEmpty()) {
      return List.of(new FieldError(field, "must hold at least one key"));
    }
    for (var e : values.entrySet()) {
      if (!validKey(e.getKey())) {
        errors.add(
            new FieldError(
                field + "." + printable(e.getKey()),
                "is not a valid key: use letters, digits, '-', '_' or '.' (at most 253)"));
      }
      if (e.getValue() == null) {
        errors.add(new FieldError(field + "." + printable(e.getKey()), "must be a string"));
      }
    }
    if (errors.isEmpty()) {
      long size = SecretValues.of(values).sizeInBytes();
      if (size > MAX_TOTAL_BYTES) {
        errors.add(
            new FieldError(
                field,
                "total "
                    + size
                    + " bytes exceeds the Kubernetes limit of "
                    + MAX_TOTAL_BYTES
                    + " bytes"));
      }
    }
    return errors;
  }

  /** A key name echoed in an error: shortened, control characters removed. */
  private static String printable(String key) {
    if (key == null) {
      return "";
    }
    String clean = key.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
  }
}
