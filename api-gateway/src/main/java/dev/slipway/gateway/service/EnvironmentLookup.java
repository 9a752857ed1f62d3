package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks environment-service, the owner of environments, what an environment is. */
@ApplicationScoped
public class EnvironmentLookup {

  private final EnvironmentServiceClient environments;

  /**
   * Kinds of known environments, briefly (a kind never changes; {@code
   * slipway.environment-kinds.expire-after-write} bounds how long a deleted one is still let
   * through to its owning service, which answers for itself). A plain Caffeine cache rather than
   * quarkus-cache: its {@code getIfPresent} wraps every hit in a context-propagating future, a cost
   * the access filter's synchronous path pays on every request (AccessLayerBench). A failed lookup
   * (404) leaves the cache at once: a new environment is usable at once.
   */
  private final AsyncCache<String, EnvironmentKind> kinds;

  public EnvironmentLookup(
      @RestClient EnvironmentServiceClient environments,
      @ConfigProperty(name = "slipway.environment-kinds.expire-after-write", defaultValue = "10s")
          Duration expireAfterWrite,
      @ConfigProperty(name = "slipway.environment-kinds.maximum-size", defaultValue = "10000")
          long maximumSize) {
    this.environments = environments;
    this.kinds =
        Caffeine.newBuilder()
            .expireAfterWrite(expireAfterWrite)
            .maximumSize(maximumSize)
            .buildAsync();
  }

  /** The kind of an environment the caller may see; 404 when it does not exist for them. */
  public Uni<EnvironmentKind> kind(String team, String env) {
    EnvironmentKind known = knownKind(team, env);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return Uni.createFrom()
        .completionStage(
            () ->
                kinds.get(
                    team + "/" + env,
                    (key, executor) ->
                        find(team, env)
                            .map(
                                found ->
                                    found.orElseThrow(
                                        () ->
                                            ProblemException.notFound(
                                                "Environment " + team + "/" + env)))
                            .subscribeAsCompletionStage()));
  }

  /**
   * The kind of an environment when this replica knows it already, else null (then ask {@link
   * #kind}). Answers at once on the caller's thread: the access filter's synchronous path.
   */
  public EnvironmentKind knownKind(String team, String env) {
    CompletableFuture<EnvironmentKind> known = kinds.getIfPresent(team + "/" + env);
    if (known != null && known.isDone() && !known.isCompletedExceptionally()) {
      return known.join();
    }
    return null;
  }

  /** Drops a deleted environment from this replica's cache at once. */
  public Uni<Void> forget(String team, String env) {
    kinds.synchronous().invalidate(team + "/" + env);
    return Uni.createFrom().voidItem();
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
