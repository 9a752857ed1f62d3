package dev.slipway.secret.rest;

import dev.slipway.kit.http.IdempotencyKey;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import dev.slipway.secret.client.AppReferences;
import dev.slipway.secret.service.RevealedSecret;
import dev.slipway.secret.service.SecretService;
import dev.slipway.secret.service.SecretView;
import dev.slipway.secret.service.VersionView;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Secrets of a team's environment. Every route checks the team first (another team's secret is a
 * 404, as a missing one); answers carry metadata only, except the audited reveal route.
 */
@Path("/api/v1/teams/{team}/environments/{env}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SecretResource {

  private final CurrentCaller caller;
  private final SecretService secrets;
  private final AppReferences references;
  private final JsonWebToken token;

  public SecretResource(
      CurrentCaller caller, SecretService secrets, AppReferences references, JsonWebToken token) {
    this.caller = caller;
    this.secrets = secrets;
    this.references = references;
    this.token = token;
  }

  @GET
  public Uni<List<SecretView>> list(@PathParam("team") String team, @PathParam("env") String env) {
    caller.get().requireTeam(team, environment(team, env));
    String raw = token.getRawToken();
    return secrets
        .list(team, env)
        .chain(
            views ->
                references
                    .byApp(team, env, raw)
                    .map(refs -> views.stream().map(v -> withReferences(v, refs)).toList()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body) {
    Caller who = caller.get();
    who.requireTeam(team, environment(team, env));
    var key = IdempotencyKey.parse(idempotencyKey);
    var command = SecretRequests.create(body);
    return secrets
        .create(SecretService.actor(who), team, env, command, key)
        .map(
            view ->
                Response.created(
                        URI.create(
                            "/api/v1/teams/"
                                + team
                                + "/environments/"
                                + env
                                + "/secrets/"
                                + view.name()))
                    .entity(view)
                    .build());
  }

  @GET
  @Path("{name}")
  public Uni<SecretView> get(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    caller.get().requireTeam(team, secret(team, env, name));
    String raw = token.getRawToken();
    return secrets
        .get(team, env, name)
        .chain(view -> references.byApp(team, env, raw).map(refs -> withReferences(view, refs)));
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SecretView> update(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      String body) {
    Caller who = caller.get();
    who.requireTeam(team, secret(team, env, name));
    var key = IdempotencyKey.parse(idempotencyKey);
    return secrets.update(
        SecretService.actor(who), team, env, SecretRequests.update(name, body), key);
  }

  @DELETE
  @Path("{name}")
  public Uni<Response> delete(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
    Caller who = caller.get();
    who.requireTeam(team, secret(team, env, name));
    var key = IdempotencyKey.parse(idempotencyKey);
    return secrets
        .delete(SecretService.actor(who), team, env, name, key)
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("{name}/rotate")
  public Uni<SecretView> rotate(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
    Caller who = caller.get();
    who.requireTeam(team, secret(team, env, name));
    return secrets.rotate(
        SecretService.actor(who), team, env, name, IdempotencyKey.parse(idempotencyKey));
  }

  @GET
  @Path("{name}/versions")
  public Uni<List<VersionView>> versions(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    caller.get().requireTeam(team, secret(team, env, name));
    return secrets.history(team, env, name);
  }

  /** The values, audited; never in production, never cached. */
  @GET
  @Path("{name}/value")
  public Uni<Response> reveal(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("name") String name) {
    Caller who = caller.get();
    who.requireTeam(team, secret(team, env, name));
    return secrets
        .reveal(who, team, env, name)
        .map(
            (RevealedSecret revealed) ->
                Response.ok(revealed)
                    .header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache")
                    .build());
  }

  private static SecretView withReferences(
      SecretView view, Optional<Map<String, List<String>>> refs) {
    return view.withReferences(refs.map(r -> r.getOrDefault(view.name(), List.of())).orElse(null));
  }

  private static String environment(String team, String env) {
    return "Environment " + team + "/" + env;
  }

  private static String secret(String team, String env, String name) {
    return "Secret " + team + "/" + env + "/" + name;
  }
}
