package dev.slipway.environment.rest;

import dev.slipway.environment.service.EnvironmentQueries;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * A team's environments. Someone outside the team gets the same 404 as for an environment that does
 * not exist, so names of other teams' environments cannot be probed.
 */
@Path("/api/v1/teams/{team}/environments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  private final EnvironmentQueries queries;
  private final CurrentCaller caller;

  public EnvironmentResource(EnvironmentQueries queries, CurrentCaller caller) {
    this.queries = queries;
    this.caller = caller;
  }

  @GET
  public Uni<List<EnvironmentResponse>> list(@PathParam("team") String team) {
    caller.get().requireTeam(team, "Team " + team);
    return queries
        .list(team)
        .map(environments -> environments.stream().map(EnvironmentResponse::of).toList());
  }

  @GET
  @Path("{env}")
  public Uni<EnvironmentResponse> get(
      @PathParam("team") String team, @PathParam("env") String env) {
    String what = "Environment " + team + "/" + env;
    caller.get().requireTeam(team, what);
    return queries
        .find(team, env)
        .map(
            found ->
                found
                    .map(EnvironmentResponse::of)
                    .orElseThrow(() -> ProblemException.notFound(what)));
  }
}
