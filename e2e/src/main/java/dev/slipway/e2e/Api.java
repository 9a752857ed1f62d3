package dev.slipway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small client of the gateway's HTTP API, as a script or the CLI would use it. */
public final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;
  private final Duration timeout;

  public Api(String baseUrl, String token) {
    this(baseUrl, token, Duration.ofSeconds(30));
  }

  /** {@code timeout}: of each request, for callers that load a shared machine hard. */
  public Api(String baseUrl, String token, Duration timeout) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.timeout = timeout;
  }

  public record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

  public Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  public Answer post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Answer put(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Reads an operation's SSE stream to its end and answers every state it carried. */
  public List<JsonNode> followOperation(String operationId, Duration timeout)
      throws IOException, InterruptedException {
    var request =
        request("/api/v1/operations/" + operationId + "/events")
            .header("Accept", "text/event-stream")
            .timeout(timeout)
            .GET()
            .build();
    HttpResponse<java.io.InputStream> response =
        HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    List<JsonNode> states = new ArrayList<>();
    try (var lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data:")) {
          states.add(EventJson.mapper().readTree(line.substring(5).trim()));
        }
      }
    }
    return states;
  }

  private HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body =
        response.body() == null || response.body().isBlank()
            ? null
            : EventJson.mapper().readTree(response.body());
    return new Answer(response.statusCode(), body, response);
  }
}
