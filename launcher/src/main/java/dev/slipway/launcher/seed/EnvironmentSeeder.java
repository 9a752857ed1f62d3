package dev.slipway.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the demo environments through the gateway, as a platform admin would: the same API, the
 * same events, the same audit trail as any other environment. Idempotent: 409 means it is there.
 */
public final class EnvironmentSeeder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An environment of the local run. */
  public record SeedEnvironment(String team, String name, String kind) {
    @Override
    public String toString() {
      return team + "/" + name;
    }
  }

  public static final List<SeedEnvironment> DEMO =
      List.of(
          new SeedEnvironment("payments", "dev", "development"),
          new SeedEnvironment("payments", "production", "production"),
          new SeedEnvironment("search", "dev", "development"));

  private EnvironmentSeeder() {}

  /**
   * Requests every environment, then waits until each new one's operation ended, so that the
   * namespaces exist when the printed example deploys. Returns one line per environment.
   */
  public static List<String> seed(
      String gatewayUrl, String token, List<SeedEnvironment> environments, Duration timeout)
      throws IOException, InterruptedException {
    Map<SeedEnvironment, String> pending = new LinkedHashMap<>();
    List<String> results = new ArrayList<>();
    for (SeedEnvironment environment : environments) {
      HttpResponse<String> response =
          HTTP.send(
              request(gatewayUrl + "/api/v1/teams/" + environment.team() + "/environments", token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(
                              Map.of("name", environment.name(), "kind", environment.kind()))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      switch (response.statusCode()) {
        case 202 ->
            pending.put(environment, JSON.readTree(response.body()).path("statusUrl").asText());
        case 409 -> results.add(environment + " (already there)");
        default ->
            throw new IOException(
                "POST environment "
                    + environment
                    + ": HTTP "
                    + response.statusCode()
                    + " "
                    + response.body());
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var entry : pending.entrySet()) {
      results.add(
          entry.getKey() + " (" + awaitEnd(gatewayUrl, entry.getValue(), token, deadline) + ")");
    }
    return results;
  }

  private static String awaitEnd(String gatewayUrl, String statusUrl, String token, long deadline)
      throws IOException, InterruptedException {
    URI uri = URI.create(gatewayUrl).resolve(statusUrl);
    while (true) {
      HttpResponse<String> response =
          HTTP.send(
              request(uri.toString(), token).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        JsonNode operation = JSON.readTree(response.body());
        String state = operation.path("state").asText();
        if ("SUCCEEDED".equals(state)) {
          return "created";
        }
        if ("FAILED".equals(state)) {
          throw new IOException(
              "creating the environment failed: "
                  + operation.path("detail").asText()
                  + " ("
                  + uri
                  + ")");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "operation "
                + uri
                + " still not done; last answer HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
      Thread.sleep(300);
    }
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }
}
