package dev.slipway.gateway.client;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Queries (and plans) owned by deploy-service, with the caller's token. */
@RegisterRestClient(configKey = "deploy-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1")
public interface DeployServiceClient {

  @GET
  @Path("teams/{team}/environments/{env}/apps")
  Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}")
  Uni<Response> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);

  /** The manifests of the app's latest revision, as applied (environment exports). */
  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/manifests")
  Uni<Response> manifests(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/revisions")
  Uni<Response> revisions(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);

  @POST
  @Path("teams/{team}/environments/{env}/apps/{app}/plan")
  Uni<Response> plan(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("kind") String kind,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String spec);

  @GET
  @Path("platform/golden-paths")
  Uni<Response> goldenPaths();

  @GET
  @Path("platform/golden-paths/{name}")
  Uni<Response> goldenPath(@PathParam("name") String name, @QueryParam("version") Integer version);

  @PUT
  @Path("platform/golden-paths/{name}")
  Uni<Response> putGoldenPath(
      @PathParam("name") String name,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body);

  @GET
  @Path("platform/guard-rails")
  Uni<Response> guardRails();

  @PUT
  @Path("platform/guard-rails")
  Uni<Response> putGuardRails(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body);

  // Observability of one app (docs/observability.md); deploy-service checks the app is the
  // caller's.

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/logs")
  Uni<Response> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @BeanParam LogParams params);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/logs/follow")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  Multi<String> followLogs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @BeanParam LogParams params);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/events")
  Uni<Response> events(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("limit") String limit);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/metrics")
  Uni<Response> metrics(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @QueryParam("range") String range,
      @QueryParam("step") String step,
      @QueryParam("end") String end);

  @GET
  @Path("teams/{team}/environments/{env}/apps/{app}/trace")
  Uni<Response> trace(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);

  /** The log query as the caller gave it; deploy-service checks it. */
  class LogParams {
    @QueryParam("tail")
    public String tail;

    @QueryParam("since")
    public String since;

    @QueryParam("pod")
    public String pod;

    @QueryParam("container")
    public String container;

    @QueryParam("grep")
    public String grep;

    @QueryParam("regex")
    public String regex;

    /** Passed on so that {@code logs?follow=true} gets deploy-service's pointer to logs/follow. */
    @QueryParam("follow")
    public String follow;
  }
}
