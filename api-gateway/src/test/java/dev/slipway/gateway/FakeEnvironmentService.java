package dev.slipway.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * environment-service's query contract, played by a tiny HTTP server, so the gateway's own
 * behaviour is tested alone (the end-to-end test runs the real services together).
 */
public class FakeEnvironmentService implements QuarkusTestResourceLifecycleManager {

  static final Map<String, String> KINDS =
      Map.of(
          "payments/dev",
          "development",
          "payments/production",
          "production",
          "search/dev",
          "development");

  /**
   * What the fake's quota review answers, per team: a status and a body, as environment-service
   * would for the proposal the test sends. Teams without one get a decrease of nothing.
   */
  static final Map<String, Map.Entry<Integer, String>> QUOTA_REVIEWS = new ConcurrentHashMap<>();

  static String review(String team, boolean increase, String changeHash) {
    return "{\"team\":\""
        + team
        + "\",\"quota\":{\"staging\":{\"cpu\":\"12\",\"memory\":\"24Gi\",\"pods\":50,"
        + "\"storage\":\"200Gi\"}},\"changes\":[],\"increase\":"
        + increase
        + ",\"changeHash\":\""
        + changeHash
        + "\"}";
  }

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/api/v1/teams/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (path.endsWith("/quota") || path.endsWith("/quota/review")) {
            exchange.getRequestBody().readAllBytes();
            String team = path.split("/")[4];
            var answer =
                path.endsWith("/quota")
                    ? Map.entry(200, "{\"team\":\"" + team + "\",\"kinds\":{}}")
                    : QUOTA_REVIEWS.getOrDefault(
                        team, Map.entry(200, review(team, false, "0".repeat(64))));
            byte[] bytes = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .add(
                    "Content-Type",
                    answer.getKey() == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.getKey(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
            return;
          }
          String[] parts = exchange.getRequestURI().getPath().split("/");
          // /api/v1/teams/{team}/environments/{env}
          String key = parts.length == 7 ? parts[4] + "/" + parts[6] : "";
          String kind = KINDS.get(key);
          byte[] body =
              (kind == null
                      ? "{\"status\":404,\"title\":\"Not found\"}"
                      : "{\"team\":\""
                          + parts[4]
                          + "\",\"name\":\""
                          + parts[6]
                          + "\",\"kind\":\""
                          + kind
                          + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", kind == null ? "application/problem+json" : "application/json");
          exchange.sendResponseHeaders(kind == null ? 404 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return Map.of(
        "quarkus.rest-client.environment-service.url",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
