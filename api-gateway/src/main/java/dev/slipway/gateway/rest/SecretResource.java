package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.SecretServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.http.IdempotencyKey;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Secrets of a team's environment, owned by secret-service. The access filter checks the team and
 * that the environment exists (404 otherwise) and refuses to reveal production values (policy
 * action {@code secret.reveal}); everything else is relayed with the caller's token, and
 * secret-service checks all of it again.
 */
@Path("/api/v1/teams/{team}/environments/{env}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SecretResource {

  private static final String SERVICE = "secret-service";

  private final SecretServiceClient secrets;

  public SecretResource(@RestClient SecretServiceClient secrets) {
    this.secrets = secrets;
  }

  @GET
  public Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env) {
    return relay(team, env, () -> secrets.list(team, env));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body) {
    return relay(team, env, () -> secrets.create(team, env, idempotencyKey, body));
  }

  @GET
  @Path("{name}")
  public Uni<Response> get(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    return relay(team, env, () -> secrets.get(team, env, name));
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> update(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body) {
    return relay(team, env, () -> secrets.update(team, env, name, idempotencyKey, body));
  }

  @DELETE
  @Path("{name}")
  public Uni<Response> delete(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
    return relay(team, env, () -> secrets.delete(team, env, name, idempotencyKey));
  }

  @POST
  @Path("{name}/rotate")
  public Uni<Response> rotate(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
    return relay(team, env, () -> secrets.rotate(team, env, name, idempotencyKey));
  }

  @GET
  @Path("{name}/versions")
  public Uni<Response> versions(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    return relay(team, env, () -> secrets.versions(team, env, name));
  }

  /** Production values are never shown, to anyone: refused here before secret-service is asked. */
  @GET
  @Path("{name}/value")
  public Uni<Response> reveal(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    // Production values: refused by the access policy (secret.reveal) before this runs.
    return Upstream.relay(SERVICE, secrets.reveal(team, env, name))
        .map(
            response ->
                Response.fromResponse(response)
                    .header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache")
                    .build());
  }

  /** Team and environment were checked by the access filter (404 otherwise). */
  private Uni<Response> relay(String team, String env, Supplier<Uni<Response>> call) {
    return Upstream.relay(SERVICE, call.get());
  }
}
