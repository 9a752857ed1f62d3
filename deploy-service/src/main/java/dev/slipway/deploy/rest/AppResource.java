package dev.slipway.deploy.rest;

import dev.slipway.deploy.persistence.App;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Queries on apps; deploys arrive as events, not here. */
@Path("/api/v1/teams/{team}/environments/{env}/apps")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppResource {

  private final CurrentCaller caller;

  public AppResource(CurrentCaller caller) {
    this.caller = caller;
  }

  @GET
  @WithSession
  public Uni<List<AppView>> list(@PathParam("team") String team, @PathParam("env") String env) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return App.list(team, env).map(apps -> apps.stream().map(AppView::of).toList());
  }

  @GET
  @Path("{app}")
  @WithSession
  public Uni<AppView> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String name) {
    String what = "App " + team + "/" + env + "/" + name;
    caller.get().requireTeam(team, what);
    return App.find(team, env, name)
        .map(
            app -> {
              if (app == null) {
                throw ProblemException.notFound(what);
              }
              return AppView.of(app);
            });
  }
}
