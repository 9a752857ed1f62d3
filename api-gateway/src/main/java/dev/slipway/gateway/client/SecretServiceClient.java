package dev.slipway.gateway.client;

import dev.slipway.kit.http.IdempotencyKey;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * secret-service, with the caller's token. Bodies pass through as text: the gateway never parses a
 * request that may carry secret values. A client's Idempotency-Key passes through unchanged:
 * secret-service keeps the keys with the changes they made.
 */
@RegisterRestClient(configKey = "secret-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1")
public interface SecretServiceClient {

  String SECRETS = "/teams/{team}/environments/{env}/secrets";

  @GET
  @Path(SECRETS)
  Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env);

  @POST
  @Path(SECRETS)
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> create(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body);

  @GET
  @Path(SECRETS + "/{name}")
  Uni<Response> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("name") String name);

  @PUT
  @Path(SECRETS + "/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> update(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body);

  @DELETE
  @Path(SECRETS + "/{name}")
  Uni<Response> delete(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey);

  @POST
  @Path(SECRETS + "/{name}/rotate")
  Uni<Response> rotate(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey);

  @GET
  @Path(SECRETS + "/{name}/versions")
  Uni<Response> versions(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("name") String name);

  @GET
  @Path(SECRETS + "/{name}/value")
  Uni<Response> reveal(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("name") String name);

  @POST
  @Path("/platform/secrets/rewrap")
  Uni<Response> rewrap();
}
