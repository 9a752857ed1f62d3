package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Queries owned by audit-service, with the caller's token. */
@RegisterRestClient(configKey = "audit-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1/audit")
public interface AuditServiceClient {

  @GET
  Uni<Response> query(
      @RestQuery String operationId,
      @RestQuery String team,
      @RestQuery String environment,
      @RestQuery String app,
      @RestQuery String type,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor);

  @GET
  @Path("verify")
  Uni<Response> verify();

  @GET
  @Path("timeline")
  Uni<Response> timeline(
      @RestQuery String team,
      @RestQuery String environment,
      @RestQuery String since,
      @RestQuery String until);

  @GET
  @Path("checkpoints")
  Uni<Response> checkpoints(@RestQuery Integer limit, @RestQuery String cursor);

  @GET
  @Path("checkpoints/public-key")
  Uni<Response> checkpointPublicKey();
}
