package dev.slipway.secret.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.secret.service.ExternalGenerator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The external generator of a rotation policy. Contract: {@code POST <hook>} with {@code {"team",
 * "environment", "name", "keys"}}, answered {@code 200} with {@code {"values": {"<key>": "<value>",
 * ...}}} holding exactly the keys asked for. Anything else fails the rotation (502) and nothing
 * changes. The answer is never logged nor quoted in an error: it holds the new values.
 */
@ApplicationScoped
public class RotationHook implements ExternalGenerator {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebClient web;

  public RotationHook(Vertx vertx) {
    this.web = WebClient.create(vertx);
  }

  @Override
  public Uni<Map<String, String>> generate(
      String url, String team, String environment, String name, List<String> keys) {
    var body =
        new JsonObject()
            .put("team", team)
            .put("environment", environment)
            .put("name", name)
            .put("keys", new JsonArray(List.copyOf(keys)));
    return web.postAbs(url)
        .timeout(TIMEOUT.toMillis())
        .putHeader("Accept", "application/json")
        .sendJsonObject(body)
        .onFailure()
        .transform(e -> failed("cannot be reached"))
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw failed("answered HTTP " + response.statusCode());
              }
              return values(response.bodyAsString(), keys);
            });
  }

  private static Map<String, String> values(String body, List<String> keys) {
    JsonNode values;
    try {
      values = EventJson.mapper().readTree(body == null ? "" : body).path("values");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw failed("answered something that is not JSON");
    }
    if (!values.isObject()) {
      throw failed("answered no \"values\" object");
    }
    Map<String, String> generated = new TreeMap<>();
    var names = new HashSet<String>();
    values.fieldNames().forEachRemaining(names::add);
    if (!names.equals(new HashSet<>(keys))) {
      throw failed("answered keys other than the ones asked for (" + String.join(", ", keys) + ")");
    }
    for (String key : keys) {
      JsonNode value = values.path(key);
      if (!value.isTextual() || value.asText().isEmpty()) {
        throw failed("answered a value for " + key + " that is not a non-empty string");
      }
      generated.put(key, value.asText());
    }
    return generated;
  }

  private static ProblemException failed(String what) {
    return new ProblemException(
        Problem.of(502, "Bad gateway", "The rotation hook " + what + "; nothing was changed."));
  }
}
