package dev.slipway.secret.domain;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of one secret version, key by key. {@link #toString()} never shows them, so a value
 * cannot reach a log line or an error message by accident.
 */
public final class SecretValues {

  private final Map<String, String> values;

  private SecretValues(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static SecretValues of(Map<String, String> values) {
    return new SecretValues(values);
  }

  /** Key names, sorted. */
  public List<String> keys() {
    return List.copyOf(values.keySet());
  }

  public Map<String, String> asMap() {
    return values;
  }

  public String get(String key) {
    return values.get(key);
  }

  /** The size Kubernetes counts against its 1 MiB limit: key and value bytes. */
  public long sizeInBytes() {
    long size = 0;
    for (var e : values.entrySet()) {
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      size += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  @Override
  public String toString() {
    return "SecretValues" + values.keySet() + "=<redacted>";
  }
}
