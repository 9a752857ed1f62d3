package dev.slipway.deploy.build;

import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.reactive.BlockingCalls;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** An app's builds and their logs; builds start from events (deploy, BuildRequested), not here. */
@Path("/api/v1/teams/{team}/environments/{env}/apps/{app}/builds")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BuildResource {

  static final int MAX_TAIL = 5000;

  private final CurrentCaller caller;
  private final BuildLogs logs;
  private final BlockingCalls blocking;

  public BuildResource(CurrentCaller caller, BuildLogs logs, BlockingCalls blocking) {
    this.caller = caller;
    this.logs = logs;
    this.blocking = blocking;
  }

  /** Newest first. */
  @GET
  @WithSession
  public Uni<List<BuildView>> list(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return Build.ofApp(team, env, app).map(builds -> builds.stream().map(BuildView::of).toList());
  }

  @GET
  @Path("{build}")
  @WithSession
  public Uni<BuildView> get(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("build") String id) {
    return find(team, env, app, id).map(BuildView::of);
  }

  /** The build's log lines: {@code {build, state, containers: [{pod, container, lines}]}}. */
  @GET
  @Path("{build}/logs")
  @WithSession
  public Uni<BuildLogView> logs(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @PathParam("build") String id,
      @QueryParam("tail") @DefaultValue("500") int tail) {
    if (tail < 1 || tail > MAX_TAIL) {
      throw ProblemException.invalid(
          List.of(new dev.slipway.events.FieldError("tail", "must be between 1 and " + MAX_TAIL)));
    }
    return find(team, env, app, id)
        .chain(
            build ->
                blocking.call(
                    () -> new BuildLogView(build.id, build.state, logs.lines(build, tail))));
  }

  public record BuildLogView(UUID build, String state, List<BuildLogs.Section> containers) {}

  private Uni<Build> find(String team, String env, String app, String id) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    UUID buildId;
    try {
      buildId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Build " + id);
    }
    return Build.one(team, env, app, buildId)
        .map(
            build -> {
              if (build == null) {
                throw ProblemException.notFound("Build " + id);
              }
              return build;
            });
  }
}
