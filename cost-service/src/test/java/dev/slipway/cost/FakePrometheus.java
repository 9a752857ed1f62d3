package dev.slipway.cost;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Prometheus query API on 127.0.0.1 that answers the two usage queries from what the test put in
 * {@link #CPU} and {@link #MEMORY_BYTES} ("namespace/pod" to a value); pods not in them have no
 * series, so their requests apply.
 */
public class FakePrometheus implements QuarkusTestResourceLifecycleManager {

  public static final Map<String, String> CPU = new ConcurrentHashMap<>();
  public static final Map<String, String> MEMORY_BYTES = new ConcurrentHashMap<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/v1/query",
        exchange -> {
          String form =
              URLDecoder.decode(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8);
          Map<String, String> values =
              form.contains("container_cpu_usage_seconds_total") ? CPU : MEMORY_BYTES;
          StringBuilder result = new StringBuilder();
          values.forEach(
              (key, value) -> {
                String[] pod = key.split("/", 2);
                if (!result.isEmpty()) {
                  result.append(',');
                }
                result
                    .append("{\"metric\":{\"namespace\":\"")
                    .append(pod[0])
                    .append("\",\"pod\":\"")
                    .append(pod[1])
                    .append("\"},\"value\":[0,\"")
                    .append(value)
                    .append("\"]}");
              });
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                      + result
                      + "]}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return Map.of(
        "slipway.cost.prometheus.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
