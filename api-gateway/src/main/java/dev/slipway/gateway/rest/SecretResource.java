package dev.slipway.gateway.rest;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.gateway.client.SecretServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.service.EnvironmentLookup;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * Secrets of a team's environment, owned by secret-service. The gateway checks the team and that
 * the environment exists (404 otherwise), refuses to reveal production values itself, and relays
 * everything else with the caller's token; secret-service checks all of it again.
 */
@Path("/api/v1/teams/{team}/environments/{env}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SecretResource {

  private static final String SERVICE = "secret-service";

  private final CurrentCaller caller;
  private final EnvironmentLookup environments;
  private final SecretServiceClient secrets;

  public SecretResource(
      CurrentCaller caller,
      EnvironmentLookup environments,
      @RestClient SecretServiceClient secrets) {
    this.caller = caller;
    this.environments = environments;
    this.secrets = secrets;
  }

  @GET
  public Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env) {
    return relay(team, env, () -> secrets.list(team, env));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(
      @PathParam("team") String team, @PathParam("env") String env, String body) {
    return relay(team, env, () -> secrets.create(team, env, body));
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
      String body) {
    return relay(team, env, () -> secrets.update(team, env, name, body));
  }

  @DELETE
  @Path("{name}")
  public Uni<Response> delete(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    return relay(team, env, () -> secrets.delete(team, env, name));
  }

  @POST
  @Path("{name}/rotate")
  public Uni<Response> rotate(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    return relay(team, env, () -> secrets.rotate(team, env, name));
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
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return environments
        .kind(team, env)
        .invoke(
            kind -> {
              if (kind == EnvironmentKind.PRODUCTION) {
                throw ProblemException.forbidden(
                    "Values of production secrets are never shown, to anyone.");
              }
            })
        .chain(kind -> Upstream.relay(SERVICE, secrets.reveal(team, env, name)))
        .map(
            response ->
                Response.fromResponse(response)
                    .header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache")
                    .build());
  }

  private Uni<Response> relay(String team, String env, Supplier<Uni<Response>> call) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return environments.kind(team, env).chain(kind -> Upstream.relay(SERVICE, call.get()));
  }
}
