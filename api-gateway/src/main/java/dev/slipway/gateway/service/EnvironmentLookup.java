package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks environment-service, the owner of environments, what an environment is. */
@ApplicationScoped
public class EnvironmentLookup {

  private final EnvironmentServiceClient environments;
  private final Cache kinds;

  public EnvironmentLookup(
      @RestClient EnvironmentServiceClient environments,
      @CacheName("environment-kinds") Cache kinds) {
    this.environments = environments;
    this.kinds = kinds;
  }

  /**
   * The kind of an environment the caller may see; 404 when it does not exist for them. Asked on
   * every environment-scoped request, so known environments are cached briefly (a kind never
   * changes; {@code quarkus.cache.caffeine.environment-kinds.expire-after-write} bounds how long a
   * deleted one is still let through to its owning service, which answers for itself). A 404 is
   * never cached: a new environment is usable at once.
   */
  public Uni<EnvironmentKind> kind(String team, String env) {
    EnvironmentKind known = knownKind(team, env);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return kinds.getAsync(
        team + "/" + env,
        missing ->
            find(team, env)
                .map(
                    found ->
                        found.orElseThrow(
                            () -> ProblemException.notFound("Environment " + team + "/" + env))));
  }

  /**
   * The kind of an environment when this replica knows it already, else null (then ask {@link
   * #kind}). Answers at once on the caller's thread: the access filter's synchronous path
   * (AccessLayerBench); getAsync would hand even a cached value over through another hop.
   */
  public EnvironmentKind knownKind(String team, String env) {
    CompletableFuture<EnvironmentKind> known =
        kinds.as(CaffeineCache.class).getIfPresent(team + "/" + env);
    if (known != null && known.isDone() && !known.isCompletedExceptionally()) {
      return known.join();
    }
    return null;
  }

  /** Drops a deleted environment from this replica's cache at once. */
  public Uni<Void> forget(String team, String env) {
    return kinds.invalidate(team + "/" + env);
  }

  /** Whether the environment exists now, asked of its owner (never cached). */
  public Uni<Optional<EnvironmentKind>> find(String team, String env) {
    return Upstream.relay("environment-service", environments.get(team, env))
        .map(
            response -> {
              if (response.getStatus() == 404) {
                return Optional.<EnvironmentKind>empty();
              }
              if (response.getStatus() == 503 || response.getStatus() == 504) {
                // Its database or a dependency is down: nothing was done, the client may retry.
                throw new ProblemException(
                    Problem.of(
                        503,
                        "Service unavailable",
                        "environment-service is unavailable; try again shortly."));
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
