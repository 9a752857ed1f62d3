package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** An app's builds and their logs, owned by deploy-service, with the caller's token. */
@RegisterRestClient(configKey = "deploy-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1/teams/{team}/environments/{env}/apps/{app}/builds")
public interface BuildServiceClient {

  @GET
  Uni<Response> list(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);

  @GET
  @Path("{id}")
  Uni<Response> get(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("id") String id);

  @GET
  @Path("{id}/logs")
  Uni<Response> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("id") String id,
      @QueryParam("tail") Integer tail);
}
