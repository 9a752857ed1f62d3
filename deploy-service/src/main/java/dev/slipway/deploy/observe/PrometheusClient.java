package dev.slipway.deploy.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.events.EventJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Request rate, errors and latency of an app from Prometheus's {@code /api/v1/query_range}, one
 * query per configured PromQL template. A Prometheus that cannot answer makes the answer say so,
 * never a 500.
 */
@ApplicationScoped
public class PrometheusClient {

  private final ObserveConfig.Prometheus config;
  private final HttpClient http;

  public PrometheusClient(ObserveConfig config) {
    this.config = config.prometheus();
    this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
  }

  public boolean configured() {
    return config.url().isPresent();
  }

  /** Each named query's series over the range, in the order of their names. */
  public Uni<Traffic> traffic(AppTarget target, Range range) {
    URI base = config.url().orElseThrow();
    Map<String, String> promql = new TreeMap<>();
    config.queries().forEach((name, template) -> promql.put(name, promql(template, target)));
    List<Uni<Map.Entry<String, List<Series>>>> calls = new ArrayList<>();
    promql.forEach(
        (name, query) -> calls.add(queryRange(base, query, range).map(s -> Map.entry(name, s))));
    if (calls.isEmpty()) {
      return Uni.createFrom().item(Traffic.unavailable(range, "no PromQL queries configured"));
    }
    return Uni.join()
        .all(calls)
        .andFailFast()
        .map(
            results -> {
              Map<String, List<Series>> series = new LinkedHashMap<>();
              results.forEach(r -> series.put(r.getKey(), r.getValue()));
              return new Traffic(true, true, null, range, promql, series);
            })
        .onFailure()
        .recoverWithItem(failure -> Traffic.unavailable(range, failure.getMessage()));
  }

  /** The template with the app's coordinates; they are DNS labels, nothing to escape in PromQL. */
  static String promql(String template, AppTarget target) {
    return Placeholders.fill(template, target, UnaryOperator.identity());
  }

  private Uni<List<Series>> queryRange(URI base, String query, Range range) {
    String url =
        base.toString().replaceAll("/+$", "")
            + "/api/v1/query_range?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start="
            + range.start().getEpochSecond()
            + "&end="
            + range.end().getEpochSecond()
            + "&step="
            + range.step().toSeconds()
            + "s";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout()).GET().build();
    return Uni.createFrom()
        .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .onFailure(java.net.http.HttpTimeoutException.class)
        .transform(e -> new IllegalStateException("Prometheus did not answer in time"))
        .onFailure(IOException.class)
        .transform(e -> new IllegalStateException("Prometheus cannot be reached"))
        .map(PrometheusClient::series);
  }

  static List<Series> series(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = EventJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Prometheus answered " + response.statusCode() + ", not JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new IllegalStateException(
          "Prometheus answered "
              + response.statusCode()
              + ": "
              + body.path("errorType").asText("error")
              + ": "
              + body.path("error").asText(""));
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode result : body.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      result
          .path("metric")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      List<Point> points = new ArrayList<>();
      for (JsonNode value : result.path("values")) {
        double v = parse(value.path(1).asText());
        points.add(new Point(value.path(0).asDouble(), Double.isFinite(v) ? v : null));
      }
      series.add(new Series(labels, points));
    }
    return series;
  }

  private static double parse(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A query range: from {@code start} to {@code end}, one point every {@code step}. */
  public record Range(Instant start, Instant end, java.time.Duration step) {}

  /** One series: its labels and its points ({@code value} null where Prometheus said NaN). */
  public record Series(Map<String, String> labels, List<Point> points) {}

  public record Point(double time, Double value) {}

  /** Every query's series, or why there are none. */
  public record Traffic(
      boolean configured,
      boolean available,
      String reason,
      Range range,
      Map<String, String> queries,
      Map<String, List<Series>> series) {
    static Traffic unavailable(Range range, String reason) {
      return new Traffic(true, false, reason, range, Map.of(), Map.of());
    }

    static Traffic notConfigured() {
      return new Traffic(
          false,
          false,
          "Prometheus is not configured (slipway.observe.prometheus.url)",
          null,
          Map.of(),
          Map.of());
    }
  }
}
