package dev.slipway.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.DeployServiceClient;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.domain.EnvironmentExport;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Gathers what an export is made of, with the caller's token: the team's environments from
 * environment-service, and for each app in them the manifests of its latest revision from
 * deploy-service (as applied). The owners check ownership again on every call.
 */
@ApplicationScoped
public class EnvironmentExporter {

  private final EnvironmentServiceClient environments;
  private final DeployServiceClient deploys;

  public EnvironmentExporter(
      @RestClient EnvironmentServiceClient environments, @RestClient DeployServiceClient deploys) {
    this.environments = environments;
    this.deploys = deploys;
  }

  /** Every environment of the team, each with its apps' applied manifests. */
  public Uni<List<EnvironmentExport.Environment>> gather(String team) {
    return Upstream.relay("environment-service", environments.list(team))
        .map(r -> body("environment-service", r))
        .chain(
            list -> {
              List<JsonNode> found = new ArrayList<>();
              list.forEach(found::add);
              return Multi.createFrom()
                  .iterable(found)
                  .onItem()
                  .transformToUniAndConcatenate(e -> environment(team, e))
                  .collect()
                  .asList();
            });
  }

  private Uni<EnvironmentExport.Environment> environment(String team, JsonNode environment) {
    String name = environment.path("name").asText();
    return Upstream.relay("deploy-service", deploys.list(team, name))
        .map(r -> body("deploy-service", r))
        .chain(
            apps -> {
              List<String> names = new ArrayList<>();
              apps.forEach(a -> names.add(a.path("name").asText()));
              return Multi.createFrom()
                  .iterable(names)
                  .onItem()
                  .transformToUniAndConcatenate(app -> manifests(team, name, app))
                  .collect()
                  .asList();
            })
        .map(
            apps ->
                new EnvironmentExport.Environment(
                    name,
                    environment.path("kind").asText(),
                    environment.path("namespace").asText(),
                    apps.stream().filter(a -> a != null).toList()));
  }

  /** Null for an app without a revision yet (nothing applied, nothing to export). */
  private Uni<EnvironmentExport.AppManifests> manifests(String team, String env, String app) {
    return Upstream.relay("deploy-service", deploys.manifests(team, env, app))
        .map(
            r -> {
              if (r.getStatus() == 404) {
                return null;
              }
              JsonNode body = body("deploy-service", r);
              List<JsonNode> manifests = new ArrayList<>();
              body.path("manifests").forEach(manifests::add);
              return new EnvironmentExport.AppManifests(
                  app, body.path("revision").asInt(), manifests);
            });
  }

  private static JsonNode body(String service, Response response) {
    if (response.getStatus() != 200) {
      throw new ProblemException(
          Problem.of(502, "Bad gateway", service + " answered " + response.getStatus() + "."));
    }
    try {
      return EventJson.mapper().readTree((String) response.getEntity());
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          Problem.of(502, "Bad gateway", service + " answered something that is not JSON."));
    }
  }

  /** What {@code GET .../environments/{env}/export} answers: files by path. */
  public record Export(String format, String team, String environment, Map<String, String> files) {}
}
