package dev.slipway.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * deploy-service's plan route and cost-service's estimate route as they answer (plan: manifests and
 * a plan hash made from the app's name; estimate: fixed figures, a clone's when asked for one),
 * everything else {@code 200 {}}, and the chat webhook. {@link #COST_DOWN} makes cost-service
 * answer 503, as when it is down behind its Service.
 */
public class FakePlanAndCosts implements QuarkusTestResourceLifecycleManager {

  static final BlockingQueue<String> ESTIMATE_REQUESTS = new LinkedBlockingQueue<>();
  static final BlockingQueue<String> NOTIFICATIONS = new LinkedBlockingQueue<>();
  static volatile boolean COST_DOWN;

  private HttpServer server;

  static String planHash(String app) {
    return String.format("%064x", new java.math.BigInteger(1, app.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 64);
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/notify")) {
            NOTIFICATIONS.add(body);
            answer(exchange, 200, "{}");
          } else if (path.endsWith("/plan")) {
            String app = path.split("/")[8];
            answer(
                exchange,
                200,
                "{\"goldenPath\":\"web@1\",\"manifests\":[{\"apiVersion\":\"apps/v1\","
                    + "\"kind\":\"Deployment\",\"metadata\":{\"name\":\""
                    + app
                    + "\"},\"spec\":{\"replicas\":3}}],\"diff\":[],"
                    + "\"guardRails\":{\"allowed\":true,\"violations\":[]},\"planHash\":\""
                    + planHash(app)
                    + "\"}");
          } else if (path.endsWith("/costs/estimate")) {
            ESTIMATE_REQUESTS.add(body);
            if (COST_DOWN) {
              answer(exchange, 503, "{\"status\":503}");
            } else if (body.contains("cloneOf")) {
              answer(
                  exchange,
                  200,
                  "{\"monthlyAmount\":109.5,\"currency\":\"USD\",\"lines\":[],\"notPriced\":[],"
                      + "\"currentMonthlyAmount\":0,\"monthlyDelta\":109.5}");
            } else {
              answer(
                  exchange,
                  200,
                  "{\"monthlyAmount\":27.375,\"currency\":\"USD\",\"lines\":[],\"notPriced\":[],"
                      + "\"currentMonthlyAmount\":36.5,\"monthlyDelta\":-9.125}");
            }
          } else {
            answer(exchange, 200, "{}");
          }
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

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
