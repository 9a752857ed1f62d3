package dev.slipway.deploy.observe;

import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.persistence.App;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ownership check of every observability route: the caller's team (platform admins: any), and
 * an app Slipway deployed there. Anything else answers 404, whether it exists or not.
 */
@ApplicationScoped
public class ObservedApps {

  public Uni<AppTarget> require(Caller who, String team, String env, String app) {
    String what = "App " + team + "/" + env + "/" + app;
    if (!who.canSee(team)) {
      return Uni.createFrom().failure(ProblemException.notFound(what));
    }
    return Panache.withSession(() -> App.find(team, env, app))
        .map(
            found -> {
              if (found == null) {
                throw ProblemException.notFound(what);
              }
              return new AppTarget(team, env, app);
            });
  }
}
