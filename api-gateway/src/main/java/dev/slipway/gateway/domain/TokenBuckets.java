package dev.slipway.gateway.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per key (a user, a team): {@code rate} tokens a second up to {@code
 * burst}. Per gateway replica: with N replicas a client may get up to N times the rate, which is
 * fine for protecting the services behind it from one noisy client (a shared store would be needed
 * for exact quotas; docs/access.md).
 */
public final class TokenBuckets {

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanos;

  public TokenBuckets(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** 0 when a token was taken; otherwise the seconds to wait until one is available (≥ 1). */
  public long take(String key, double rate, int burst) {
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanos.getAsLong()));
    synchronized (bucket) {
      long now = nanos.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * rate);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / rate));
    }
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
