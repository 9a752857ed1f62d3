package dev.slipway.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * deploy-, secret-, cost- and audit-service played by one server that answers {@code 200 {}} to
 * everything (what they would answer is their tests' business: here a request that reaches them is
 * one the gateway let through), plus a chat channel's incoming webhook at {@code /notify} that
 * keeps what it receives, and the size of each cloud bill received.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

  static final BlockingQueue<String> NOTIFICATIONS = new LinkedBlockingQueue<>();

  /** Bytes of each cloud bill that reached cost-service whole, in arrival order. */
  static final BlockingQueue<Integer> BILLS = new LinkedBlockingQueue<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/notify",
        exchange -> {
          NOTIFICATIONS.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          int received = exchange.getRequestBody().readAllBytes().length;
          if (exchange.getRequestURI().getPath().startsWith("/api/v1/platform/costs/bills/")) {
            BILLS.add(received);
          }
          if (exchange.getRequestURI().getPath().contains("/slow")) {
            try {
              Thread.sleep(5_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "quarkus.rest-client.deploy-service.url", base,
        "quarkus.rest-client.secret-service.url", base,
        "quarkus.rest-client.audit-service.url", base,
        "quarkus.rest-client.cost-service.url", base,
        "slipway.approvals.notify-url", base + "/notify");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
