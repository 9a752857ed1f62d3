package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Queries owned by deploy-service, with the caller's token. */
@RegisterRestClient(configKey = "deploy-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1/teams/{team}/environments/{env}/apps")
public interface DeployServiceClient {

  @GET
  Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env);

  @GET
  @Path("{app}")
  Uni<Response> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app);
}
