package dev.slipway.cost.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a small HTTP server on 127.0.0.1 answering the Prometheus query API's JSON. */
class PrometheusUsageTest {

  static final Instant AT = Instant.parse("2030-05-10T12:00:00Z");

  HttpServer server;
  final List<String> queries = new CopyOnWriteArrayList<>();
  volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/prom/api/v1/query",
        exchange -> {
          String form =
              URLDecoder.decode(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8);
          queries.add(form);
          String body =
              form.contains("container_cpu_usage_seconds_total")
                  ? vector(
                      series("acme-dev", "web-1", "0.75"),
                      series("acme-dev", "web-2", "NaN"),
                      "{\"metric\":{},\"value\":[1,\"3\"]}")
                  : vector(series("acme-dev", "web-1", "2147483648"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  PrometheusUsage client() {
    return new PrometheusUsage(
        Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prom/")),
        "5m",
        Duration.ofSeconds(10));
  }

  @Test
  void readsCpuRateAndWorkingSetPerPodAtTheSampleTime() {
    var usage = client().at(AT);

    assertThat(usage.get("acme-dev/web-1").cpuCores()).isEqualByComparingTo("0.75");
    assertThat(usage.get("acme-dev/web-1").memoryGib()).isEqualByComparingTo("2"); // 2 GiB
    // NaN is no figure; a series without namespace and pod belongs to no pod
    assertThat(usage).doesNotContainKey("acme-dev/web-2").hasSize(1);
    assertThat(queries).hasSize(2);
    assertThat(queries.get(0))
        .contains("rate(container_cpu_usage_seconds_total{container!=\"\",pod!=\"\"}[5m])")
        .contains("sum by (namespace, pod)")
        .endsWith("&time=" + AT.getEpochSecond());
    assertThat(queries.get(1)).contains("container_memory_working_set_bytes");
  }

  @Test
  void anErrorOrNoPrometheusMeansRequestsOnly() {
    status = 503;
    assertThat(client().at(AT)).isEmpty();
    assertThat(new PrometheusUsage(Optional.empty(), "5m", Duration.ofSeconds(1)).at(AT)).isEmpty();
  }

  static String vector(String... series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + String.join(",", series)
        + "]}}";
  }

  static String series(String namespace, String pod, String value) {
    return "{\"metric\":{\"namespace\":\""
        + namespace
        + "\",\"pod\":\""
        + pod
        + "\"},\"value\":[1890000000,\""
        + value
        + "\"]}";
  }
}
