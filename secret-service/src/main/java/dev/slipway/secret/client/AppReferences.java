package dev.slipway.secret.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.secret.config.SecretsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Which apps reference which secret, asked of deploy-service (the owner of app specs) with the
 * caller's token: an app references a secret when an environment variable's {@code valueFrom} is
 * {@code secret://name/key} (or {@code secret/name/key}). Empty when deploy-service cannot answer:
 * a list of secrets must not fail because of it.
 */
@ApplicationScoped
public class AppReferences {

  private static final Logger LOG = Logger.getLogger(AppReferences.class);
  private static final Pattern REFERENCE = Pattern.compile("^secret(?:://|/)([^/]+)/(.+)$");
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final WebClient web;
  private final String baseUrl;

  public AppReferences(Vertx vertx, SecretsConfig config) {
    this.web = WebClient.create(vertx);
    this.baseUrl = config.deployServiceUrl().replaceAll("/+$", "");
  }

  /** Secret name to the sorted names of apps that reference it. */
  public Uni<Optional<Map<String, List<String>>>> byApp(
      String team, String environment, String bearerToken) {
    var request =
        web.getAbs(baseUrl + "/api/v1/teams/" + team + "/environments/" + environment + "/apps")
            .timeout(TIMEOUT.toMillis());
    if (bearerToken != null) {
      request.bearerTokenAuthentication(bearerToken);
    }
    return request
        .send()
        .map(
            response -> {
              if (response.statusCode() == 404) {
                return Optional.of(Map.<String, List<String>>of());
              }
              if (response.statusCode() != 200) {
                LOG.debugf("deploy-service answered %d for app references", response.statusCode());
                return Optional.<Map<String, List<String>>>empty();
              }
              return Optional.of(parse(response.bodyAsString()));
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf("deploy-service not reachable for app references: %s", failure.toString());
              return Optional.empty();
            });
  }

  static Map<String, List<String>> parse(String body) {
    Map<String, TreeSet<String>> refs = new TreeMap<>();
    try {
      for (JsonNode app : EventJson.mapper().readTree(body)) {
        String name = app.path("name").asText();
        JsonNode spec = app.path("spec");
        JsonNode env = spec.has("env") ? spec.path("env") : spec.path("environmentVariables");
        for (JsonNode variable : env) {
          Matcher m = REFERENCE.matcher(variable.path("valueFrom").asText(""));
          if (m.matches()) {
            refs.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(name);
          }
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.debug("deploy-service answered something that is not JSON");
    }
    Map<String, List<String>> out = new TreeMap<>();
    refs.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }
}
