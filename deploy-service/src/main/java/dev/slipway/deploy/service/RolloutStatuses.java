package dev.slipway.deploy.service;

import dev.slipway.deploy.persistence.App;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Records rollout status on the app; called from the watch's thread (blocking is fine there). */
@ApplicationScoped
public class RolloutStatuses {

  public void record(String team, String environment, String name, RolloutStatus status)
      throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    App.find(team, environment, name)
                        .chain(
                            app -> {
                              if (app == null
                                  || (status.state().equals(app.status)
                                      && status.detail().equals(app.statusDetail))) {
                                return Uni.createFrom().voidItem();
                              }
                              app.status = status.state();
                              app.statusDetail = status.detail();
                              app.updatedAt = Instant.now();
                              return Uni.createFrom().voidItem();
                            })));
  }
}
