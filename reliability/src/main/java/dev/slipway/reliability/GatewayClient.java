package dev.slipway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's HTTP API as the load uses it: every call answers, even when nothing answered
 * (status 0), so that the harness records it instead of failing. Spreads calls over the gateway's
 * replicas while there are several.
 */
public final class GatewayClient {

  /** Longer than the gateway's own upstream timeout (10 s): a wait past it is a hang. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * HTTP/1.1, as browsers and curl speak to a cleartext gateway. Over h2c, a gateway that shuts
   * down gracefully sends GOAWAY, and Java 17's client fails every stream of the connection on it,
   * even those the server goes on to answer (fixed in JDK 24, JDK-8335181).
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Supplier<List<String>> gateways;
  private final String token;
  private final AtomicInteger next = new AtomicInteger();

  public GatewayClient(Supplier<List<String>> gateways, String token) {
    this.gateways = gateways;
    this.token = token;
  }

  /** An answer; {@code status} 0 and {@code error} set when there was none. */
  public record Reply(
      int status,
      String contentType,
      String retryAfter,
      String location,
      JsonNode body,
      String text,
      long latencyMillis,
      String error) {

    public String problemType() {
      return body == null ? null : body.path("type").asText(null);
    }
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** A change carrying an Idempotency-Key, so that it can be sent again without happening twice. */
  public Reply post(String path, String json, String idempotencyKey) {
    return send("POST", path, json, idempotencyKey);
  }

  public Reply send(String method, String path, String json) {
    return send(method, path, json, null);
  }

  private Reply send(String method, String path, String json, String idempotencyKey) {
    List<String> urls = gateways.get();
    String base = urls.get(Math.floorMod(next.getAndIncrement(), urls.size()));
    var builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(CLIENT_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      long latency = (System.nanoTime() - start) / 1_000_000;
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Location").orElse(null),
          parse(response.body()),
          response.body(),
          latency,
          null);
    } catch (IOException e) {
      long latency = (System.nanoTime() - start) / 1_000_000;
      return new Reply(0, null, null, null, null, null, latency, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, null, null, null, null, null, 0, "interrupted");
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return EventJson.mapper().readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }
}
