package dev.slipway.gateway.rest;

import dev.slipway.events.spec.AppSpecValidator;
import dev.slipway.gateway.client.DeployServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.domain.AccessPolicy;
import dev.slipway.gateway.service.CommandService;
import dev.slipway.gateway.service.EnvironmentLookup;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Apps of a team's environment: deploy (a command), list and show (queries to deploy-service). */
@Path("/api/v1/teams/{team}/environments/{env}/apps")
@Authenticated
public class AppResource {

  private final CurrentCaller caller;
  private final EnvironmentLookup environments;
  private final CommandService commands;
  private final DeployServiceClient deployService;
  private final AppSpecValidator validator = new AppSpecValidator();

  public AppResource(
      CurrentCaller caller,
      EnvironmentLookup environments,
      CommandService commands,
      @RestClient DeployServiceClient deployService) {
    this.caller = caller;
    this.environments = environments;
    this.commands = commands;
    this.deployService = deployService;
  }

  /** Deploys an app spec (JSON or YAML). Answers 202 with the operation to follow. */
  @POST
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> deploy(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    Caller who = caller.get();
    who.requireTeam(team, "Environment " + team + "/" + env);
    var parsed =
        validator.parseAndValidate(body, contentType != null && contentType.contains("yaml"));
    if (!parsed.ok()) {
      return Uni.createFrom().failure(ProblemException.invalid(parsed.errors()));
    }
    return environments
        .kind(team, env)
        .invoke(kind -> AccessPolicy.deploy(who, team, env, kind))
        .chain(kind -> commands.deploy(who, team, env, kind, parsed.spec()))
        .map(Accepted::of);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return Upstream.relay("deploy-service", deployService.list(team, env));
  }

  @GET
  @Path("{app}")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    caller.get().requireTeam(team, "App " + team + "/" + env + "/" + app);
    return Upstream.relay("deploy-service", deployService.get(team, env, app));
  }
}
