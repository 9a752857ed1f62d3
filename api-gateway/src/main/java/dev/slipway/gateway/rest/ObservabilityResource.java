package dev.slipway.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.DeployServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Logs, events, metrics and the trace link of an app, relayed from deploy-service (which checks
 * again that the app is the caller's). Log lines pass through; the gateway neither logs nor audits
 * them.
 */
@Path("/api/v1/teams/{team}/environments/{env}/apps/{app}")
@Authenticated
public class ObservabilityResource {

  private static final String SERVICE = "deploy-service";

  private final DeployServiceClient deployService;

  public ObservabilityResource(@RestClient DeployServiceClient deployService) {
    this.deployService = deployService;
  }

  /** The last lines of the app's pods, merged; the live tail is {@code logs/follow}. */
  @GET
  @Path("logs")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @BeanParam DeployServiceClient.LogParams params) {
    return Upstream.relay(SERVICE, deployService.logs(team, env, app, params));
  }

  /**
   * The lines, then each new one as it is written (SSE). Blocking: the app is checked before the
   * stream starts, so that another team's app is a 404, not a broken stream.
   */
  @GET
  @Path("logs/follow")
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<JsonNode> followLogs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @BeanParam DeployServiceClient.LogParams params) {
    Response found =
        Upstream.relay(SERVICE, deployService.get(team, env, app))
            .await()
            .atMost(Upstream.TIMEOUT.plusSeconds(1));
    if (found.getStatus() == 404) {
      throw ProblemException.notFound("App " + team + "/" + env + "/" + app);
    }
    if (found.getStatus() != 200) {
      throw new ProblemException(
          Problem.of(
              found.getStatus(), "Upstream error", SERVICE + " answered " + found.getStatus()));
    }
    return deployService.followLogs(team, env, app, params).map(ObservabilityResource::json);
  }

  /** Kubernetes events of the app's objects, newest first. */
  @GET
  @Path("events")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> events(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("limit") String limit) {
    return Upstream.relay(SERVICE, deployService.events(team, env, app, limit));
  }

  /** CPU and memory per pod, and request rate, errors and latency from Prometheus. */
  @GET
  @Path("metrics")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> metrics(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("range") String range,
      @QueryParam("step") String step,
      @QueryParam("end") String end) {
    return Upstream.relay(SERVICE, deployService.metrics(team, env, app, range, step, end));
  }

  /** The app's traces in the configured Jaeger or Tempo. */
  @GET
  @Path("trace")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> trace(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    return Upstream.relay(SERVICE, deployService.trace(team, env, app));
  }

  private static JsonNode json(String data) {
    try {
      return EventJson.mapper().readTree(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("deploy-service sent a log line that is not JSON", e);
    }
  }
}
