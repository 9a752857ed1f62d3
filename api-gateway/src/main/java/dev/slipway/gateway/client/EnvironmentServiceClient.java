package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Queries owned by environment-service, with the caller's token. */
@RegisterRestClient(configKey = "environment-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1/teams/{team}/environments")
public interface EnvironmentServiceClient {

  @GET
  Uni<Response> list(@PathParam("team") String team);

  @GET
  @Path("{env}")
  Uni<Response> get(@PathParam("team") String team, @PathParam("env") String env);
}
