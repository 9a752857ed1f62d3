package dev.slipway.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
