package dev.slipway.gateway.rest;

import dev.slipway.events.FieldError;
import dev.slipway.events.spec.GitSource;
import dev.slipway.gateway.client.BuildServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.service.AccessContext;
import dev.slipway.gateway.service.CommandService;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Builds from source (docs/builds.md): start one (a command, 202 + operation of type BUILD), list
 * an app's builds, show one, read its log lines (queries to deploy-service).
 */
@Path("/api/v1/teams/{team}/environments/{env}/apps/{app}/builds")
@Authenticated
public class BuildResource {

  private static final Pattern APP = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");

  private final CurrentCaller caller;
  private final AccessContext access;
  private final CommandService commands;
  private final BuildServiceClient builds;

  public BuildResource(
      CurrentCaller caller,
      AccessContext access,
      CommandService commands,
      @RestClient BuildServiceClient builds) {
    this.caller = caller;
    this.access = access;
    this.commands = commands;
    this.builds = builds;
  }

  /** The body of a build request: both optional; a commit wins over a ref. */
  public record BuildRequest(String ref, String commit) {}

  /**
   * Builds the app again from the git source it was last deployed from, then deploys the image. The
   * operation goes BUILDING → DEPLOYING → SUCCEEDED, or FAILED with the build's reason.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> build(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      BuildRequest request) {
    String ref = request == null ? null : request.ref();
    String commit = request == null ? null : request.commit();
    List<FieldError> errors = new java.util.ArrayList<>(GitSource.checkRevision(ref, commit));
    if (app.length() > 63 || !APP.matcher(app).matches()) {
      errors.add(new FieldError("app", "is not an app name (a DNS-1035 label)"));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    return commands
        .build(caller.get(), team, env, access.kind(), app, ref, commit)
        .map(Accepted::of);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> list(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    return Upstream.relay("deploy-service", builds.list(team, env, app));
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> get(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("id") String id) {
    return Upstream.relay("deploy-service", builds.get(team, env, app, id));
  }

  /** {@code {build, state, containers: [{pod, container, lines}]}}, the last {@code tail} lines. */
  @GET
  @Path("{id}/logs")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("id") String id,
      @QueryParam("tail") Integer tail) {
    return Upstream.relay("deploy-service", builds.logs(team, env, app, id, tail));
  }
}
