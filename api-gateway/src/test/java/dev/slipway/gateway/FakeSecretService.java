package dev.slipway.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** secret-service's contract, played by a tiny HTTP server that records what reached it. */
public class FakeSecretService implements QuarkusTestResourceLifecycleManager {

  /** "METHOD path bearer? key=Idempotency-Key? body?" of every request that reached it. */
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/api/v1/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          CALLS.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + (auth != null && auth.startsWith("Bearer ") ? " bearer" : "")
                  + (key != null ? " key=" + key : "")
                  + (body.isEmpty() ? "" : " " + body));
          String path = exchange.getRequestURI().getPath();
          if (path.endsWith("/secrets/missing")) {
            byte[] problem =
                "{\"status\":404,\"title\":\"Not found\",\"detail\":\"Secret missing does not exist.\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
            return;
          }
          int status =
              exchange.getRequestMethod().equals("POST") && path.endsWith("/secrets") ? 201 : 200;
          byte[] answer =
              (path.endsWith("/value")
                      ? "{\"name\":\"db\",\"version\":1,\"values\":{\"k\":\"v\"}}"
                      : "{\"name\":\"db\",\"version\":1}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    return Map.of(
        "quarkus.rest-client.secret-service.url",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
