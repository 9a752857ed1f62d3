package dev.slipway.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's and GitLab's comment APIs on 127.0.0.1: lists and keeps the comments posted to it, and
 * fails the next {@link #FAILURES} posts with 502, as a git host having a bad minute does.
 */
public class FakeGitHost implements QuarkusTestResourceLifecycleManager {

  /** A comment as received: the path, the token header and the JSON body. */
  record Received(String path, String auth, String body) {}

  static final List<Received> COMMENTS = new CopyOnWriteArrayList<>();
  static final AtomicInteger FAILURES = new AtomicInteger();

  private HttpServer server;

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
          String path = exchange.getRequestURI().getRawPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String auth =
              path.startsWith("/gitlab")
                  ? exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN")
                  : exchange.getRequestHeaders().getFirst("Authorization");
          int status;
          String answer;
          if ("GET".equals(exchange.getRequestMethod())) {
            status = 200;
            answer =
                "["
                    + String.join(
                        ",",
                        COMMENTS.stream()
                            .filter(c -> c.path().equals(path))
                            .map(Received::body)
                            .toList())
                    + "]";
          } else if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 502;
            answer = "{\"message\":\"bad gateway\"}";
          } else {
            COMMENTS.add(new Received(path, auth, body));
            status = 201;
            answer = body;
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "slipway.previews.comments.github-api-url", base + "/github",
        "slipway.previews.comments.gitlab-api-url", base + "/gitlab");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
