package dev.slipway.deploy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CPU and memory from the metrics API, against a small server that speaks {@code metrics.k8s.io} as
 * metrics-server does (the test API server has no metrics-server, and an APIService needs a
 * reachable in-cluster Service: docs/observability.md, "Testing").
 */
class MetricsApiTest {

  private static final AppTarget CHECKOUT = new AppTarget("payments", "dev", "checkout");
  private static final String POD_METRICS =
      """
      {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
       {"metadata":{"name":"checkout-7d9f-b","namespace":"payments-dev"},
        "timestamp":"2026-11-25T12:00:00Z","window":"15s",
        "containers":[{"name":"checkout","usage":{"cpu":"1500000n","memory":"1Mi"}}]},
       {"metadata":{"name":"checkout-7d9f-a","namespace":"payments-dev"},
        "timestamp":"2026-11-25T12:00:00Z","window":"15s",
        "containers":[{"name":"checkout","usage":{"cpu":"250m","memory":"256Mi"}},
                      {"name":"proxy","usage":{"cpu":"5m","memory":"16Mi"}}]}]}
      """;

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private KubernetesClient client;

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void podsOfTheAppWithCpuInMillicoresAndMemoryInBytes() throws IOException {
    start(200, POD_METRICS);

    var usage = new AppCluster(client).usage(CHECKOUT);

    assertThat(usage.available()).isTrue();
    assertThat(usage.pods())
        .extracting(p -> p.pod() + " " + p.cpuMillicores() + " " + p.memoryBytes())
        .containsExactly("checkout-7d9f-a 255 285212672", "checkout-7d9f-b 1 1048576");
    assertThat(requests)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .startsWith("/apis/metrics.k8s.io/v1beta1/namespaces/payments-dev/pods")
                    .contains("app.kubernetes.io/name=checkout")
                    .contains("slipway.dev/team=payments")
                    .contains("slipway.dev/environment=dev"));
  }

  @Test
  void aClusterWithoutTheMetricsApiIsSaidInWords() throws IOException {
    start(
        404,
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\","
            + "\"reason\":\"NotFound\",\"code\":404}");

    var usage = new AppCluster(client).usage(CHECKOUT);

    assertThat(usage.available()).isFalse();
    assertThat(usage.reason()).startsWith("metrics API not available");
    assertThat(usage.pods()).isEmpty();
  }

  private void start(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              URLDecoder.decode(exchange.getRequestURI().toString(), StandardCharsets.UTF_8));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }
}
