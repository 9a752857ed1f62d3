package dev.slipway.environment.rest;

import dev.slipway.environment.service.ActivityService;
import dev.slipway.environment.service.EnvironmentQueries;
import dev.slipway.environment.service.ExpiryService;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
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
  private final ActivityService activity;
  private final ExpiryService expiry;
  private final CurrentCaller caller;
  private final Clock clock;

  public EnvironmentResource(
      EnvironmentQueries queries,
      ActivityService activity,
      ExpiryService expiry,
      CurrentCaller caller,
      Clock clock) {
    this.queries = queries;
    this.activity = activity;
    this.expiry = expiry;
    this.caller = caller;
    this.clock = clock;
  }

  /** How many days to add to the expiry, 1 to 90. */
  public record Extend(Integer days) {}

  /** Pins the environment: it never expires until unpinned. A body, if any, is ignored. */
  @POST
  @Path("{env}/pin")
  public Uni<EnvironmentResponse> pin(
      @PathParam("team") String team, @PathParam("env") String env) {
    requireTechLead(team, env);
    return expiry.pin(team, env, true).chain(found -> answer(found, team, env));
  }

  /** Unpins: the idle clock counts again from the last activity. */
  @DELETE
  @Path("{env}/pin")
  public Uni<EnvironmentResponse> unpin(
      @PathParam("team") String team, @PathParam("env") String env) {
    requireTechLead(team, env);
    return expiry.pin(team, env, false).chain(found -> answer(found, team, env));
  }

  @POST
  @Path("{env}/extend")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<EnvironmentResponse> extend(
      @PathParam("team") String team, @PathParam("env") String env, Extend request) {
    requireTechLead(team, env);
    Integer days = request == null ? null : request.days();
    if (days == null || days < 1 || days > MAX_EXTENSION_DAYS) {
      throw ProblemException.invalid(
          List.of(
              new FieldError("days", "must be a whole number from 1 to " + MAX_EXTENSION_DAYS)));
    }
    return expiry.extend(team, env, days, clock.instant()).chain(found -> answer(found, team, env));
  }

  static final int MAX_EXTENSION_DAYS = 90;

  private void requireTechLead(String team, String env) {
    Caller who = caller.get();
    who.requireTeam(team, "Environment " + team + "/" + env);
    if (!who.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only a tech lead of " + team + " or a platform admin pins or extends environments.");
    }
  }

  private Uni<EnvironmentResponse> answer(boolean found, String team, String env) {
    if (!found) {
      throw ProblemException.notFound("Environment " + team + "/" + env);
    }
    return queries
        .find(team, env)
        .map(
            f ->
                f.map(EnvironmentResponse::of)
                    .orElseThrow(
                        () -> ProblemException.notFound("Environment " + team + "/" + env)));
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
    // Reading an environment is activity: it keeps an environment in use from expiring.
    return activity
        .read(team, env)
        .chain(() -> queries.find(team, env))
        .map(
            found ->
                found
                    .map(EnvironmentResponse::of)
                    .orElseThrow(() -> ProblemException.notFound(what)));
  }
}
