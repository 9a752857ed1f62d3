package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Queries (and pin/extend, the quota and its review) owned by environment-service, with the
 * caller's token.
 */
@RegisterRestClient(configKey = "environment-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1/teams/{team}")
public interface EnvironmentServiceClient {

  @GET
  @Path("environments")
  Uni<Response> list(@PathParam("team") String team);

  @GET
  @Path("environments/{env}")
  Uni<Response> get(@PathParam("team") String team, @PathParam("env") String env);

  @POST
  @Path("environments/{env}/pin")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> pin(@PathParam("team") String team, @PathParam("env") String env, String body);

  @POST
  @Path("environments/{env}/extend")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> extend(@PathParam("team") String team, @PathParam("env") String env, String body);

  @GET
  @Path("quota")
  Uni<Response> quota(@PathParam("team") String team);

  /** What a proposed quota would change: 400 for bad values, else the change and its hash. */
  @POST
  @Path("quota/review")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> reviewQuota(@PathParam("team") String team, String body);
}
