package dev.slipway.deploy.observe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Logs, events, metrics and trace links of apps ({@code slipway.observe.*}). */
@ConfigMapping(prefix = "slipway.observe")
public interface ObserveConfig {

  Logs logs();

  Events events();

  Prometheus prometheus();

  Trace trace();

  interface Logs {
    /** Lines answered when the request names no {@code tail}. */
    @WithDefault("100")
    int defaultTail();

    /** The most lines one request may ask for (and read per container when filtering). */
    @WithDefault("5000")
    int maxTail();

    /** Bytes read per container at most, whatever the tail: a chatty pod cannot flood us. */
    @WithDefault("4000000")
    int maxBytesPerContainer();

    /** Containers read at most in one request (pods × containers). */
    @WithDefault("50")
    int maxContainers();

    /**
     * How long one request waits for the containers' logs: what has not answered by then is named
     * in {@code unavailable}. Shorter than the gateway's {@code slipway.upstream.timeout} (10s).
     */
    @WithDefault("5s")
    Duration readTimeout();

    /** How long a follow stream stays open at most; the client reconnects for more. */
    @WithDefault("10m")
    Duration followMax();

    /** Longest regular expression accepted for {@code grep} with {@code regex=true}. */
    @WithDefault("200")
    int maxPatternLength();

    /** Characters a regular expression may look at per line before the line counts as no match. */
    @WithDefault("100000")
    int regexBudgetPerLine();
  }

  interface Events {
    @WithDefault("100")
    int defaultLimit();

    @WithDefault("500")
    int maxLimit();
  }

  interface Prometheus {
    /** Prometheus's base URL (e.g. {@code http://prometheus.monitoring:9090}); not set: off. */
    Optional<URI> url();

    @WithDefault("5s")
    Duration timeout();

    @WithDefault("1h")
    Duration defaultRange();

    @WithDefault("7d")
    Duration maxRange();

    /** Points per series at most (range / step), as Prometheus itself bounds them. */
    @WithDefault("1000")
    int maxPoints();

    /**
     * Named PromQL templates; {@code {{namespace}}}, {@code {{app}}}, {@code {{team}}} and {@code
     * {{environment}}} are filled in (double braces: PromQL uses single ones).
     */
    Map<String, String> queries();
  }

  interface Trace {
    /**
     * A Jaeger or Tempo URL with {@code {{namespace}}}, {@code {{app}}}, {@code {{service}}},
     * {@code {{team}}}, {@code {{environment}}} filled in (URL-encoded); not set: no trace link.
     */
    Optional<String> urlTemplate();
  }
}
