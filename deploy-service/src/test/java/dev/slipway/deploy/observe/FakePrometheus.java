package dev.slipway.deploy.observe;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prometheus's {@code /api/v1/query_range} on 127.0.0.1: keeps the PromQL it receives and answers
 * one series per query, whose value tells the query apart; plus a trace URL template.
 */
public class FakePrometheus implements QuarkusTestResourceLifecycleManager {

  /** The query parameters of every query_range request, in order. */
  static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/api/v1/query_range",
        exchange -> {
          Map<String, String> params = new LinkedHashMap<>();
          for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
          RECEIVED.add(params);
          String query = params.get("query");
          String value = query.contains("0.99") ? "0.25" : query.contains("0.5") ? "0.02" : "12.5";
          long start = Long.parseLong(params.get("start"));
          String body =
              "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                  + "{\"namespace\":\"payments-dev\"},\"values\":[["
                  + start
                  + ",\""
                  + value
                  + "\"],["
                  + (start + 60)
                  + ",\"NaN\"]]}]}}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return Map.of(
        "slipway.observe.prometheus.url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "slipway.observe.trace.url-template",
        "https://jaeger.example.com/search?service={{service}}.{{namespace}}&tags=team%3D{{team}}");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
