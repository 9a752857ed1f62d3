package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks environment-service, the owner of environments, what an environment is. */
@ApplicationScoped
public class EnvironmentLookup {

  private final EnvironmentServiceClient environments;

  public EnvironmentLookup(@RestClient EnvironmentServiceClient environments) {
    this.environments = environments;
  }

  /** The kind of an environment the caller may see; 404 when it does not exist for them. */
  public Uni<EnvironmentKind> kind(String team, String env) {
    return find(team, env)
        .map(
            found ->
                found.orElseThrow(
                    () -> ProblemException.notFound("Environment " + team + "/" + env)));
  }

  public Uni<Optional<EnvironmentKind>> find(String team, String env) {
    return Upstream.relay("environment-service", environments.get(team, env))
        .map(
            response -> {
              if (response.getStatus() == 404) {
                return Optional.<EnvironmentKind>empty();
              }
              if (response.getStatus() != 200) {
                throw new ProblemException(
                    Problem.of(
                        502,
                        "Bad gateway",
                        "environment-service answered " + response.getStatus() + "."));
              }
              return Optional.of(EnvironmentKind.fromWire(body(response).path("kind").asText()));
            });
  }

  private static JsonNode body(Response response) {
    try {
      return EventJson.mapper().readTree((String) response.getEntity());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("environment-service answered invalid JSON", e);
    }
  }
}
