package dev.slipway.cost.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cost.config.CostConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What pods used, from Prometheus (blocking; called within a sample on a worker thread): CPU as the
 * rate of {@code container_cpu_usage_seconds_total} over the sampling window, memory as {@code
 * container_memory_working_set_bytes}, both summed over a pod's containers at the sample's time, as
 * OpenCost reads them.
 */
@ApplicationScoped
public class PrometheusUsage {

  private static final Logger LOG = Logger.getLogger(PrometheusUsage.class);
  private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1024L * 1024 * 1024);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One pod's usage; either figure may be null when Prometheus has no series for it. */
  public record Usage(BigDecimal cpuCores, BigDecimal memoryGib) {}

  private final Optional<URI> url;
  private final String window;
  private final Duration timeout;
  private final HttpClient http = HttpClient.newHttpClient();

  @Inject
  public PrometheusUsage(CostConfig config) {
    this(config.prometheus().url(), config.prometheus().window(), config.prometheus().timeout());
  }

  PrometheusUsage(Optional<URI> url, String window, Duration timeout) {
    this.url = url;
    this.window = window;
    this.timeout = timeout;
  }

  /**
   * Usage per "namespace/pod" at {@code at}; empty when Prometheus is not configured or does not
   * answer (the sample then charges requests only, and says so in the log).
   */
  public Map<String, Usage> at(Instant at) {
    if (url.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, BigDecimal> cpu =
          query(
              url.get(),
              "sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!=\"\","
                  + "pod!=\"\"}["
                  + window
                  + "]))",
              at);
      Map<String, BigDecimal> memory =
          query(
              url.get(),
              "sum by (namespace, pod) (container_memory_working_set_bytes{container!=\"\","
                  + "pod!=\"\"})",
              at);
      Map<String, Usage> usage = new HashMap<>();
      cpu.forEach((pod, cores) -> usage.put(pod, new Usage(cores, null)));
      memory.forEach(
          (pod, bytes) -> {
            BigDecimal gib = bytes.divide(BYTES_PER_GIB, MathContext.DECIMAL64);
            usage.merge(pod, new Usage(null, gib), (a, b) -> new Usage(a.cpuCores(), gib));
          });
      return usage;
    } catch (IOException | RuntimeException e) {
      LOG.warnf("prometheus not readable (%s): this sample charges requests only", e.toString());
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  private Map<String, BigDecimal> query(URI base, String promql, Instant at)
      throws IOException, InterruptedException {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + at.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    JsonNode body = JSON.readTree(response.body());
    if (!"success".equals(body.path("status").asText())
        || !"vector".equals(body.path("data").path("resultType").asText())) {
      throw new IOException("not a successful instant vector");
    }
    Map<String, BigDecimal> values = new HashMap<>();
    for (JsonNode series : body.path("data").path("result")) {
      String namespace = series.path("metric").path("namespace").asText("");
      String pod = series.path("metric").path("pod").asText("");
      String value = series.path("value").path(1).asText("");
      if (namespace.isEmpty() || pod.isEmpty()) {
        continue;
      }
      try {
        values.put(namespace + "/" + pod, new BigDecimal(value));
      } catch (NumberFormatException e) {
        // NaN or Inf: no usable figure for this pod.
      }
    }
    return values;
  }
}
