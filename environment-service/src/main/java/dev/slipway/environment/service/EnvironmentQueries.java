package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads of environments; callers have checked the reader may see the team. */
@ApplicationScoped
public class EnvironmentQueries {

  private final EnvironmentStore store;

  public EnvironmentQueries(EnvironmentStore store) {
    this.store = store;
  }

  public Uni<List<Environment>> list(String team) {
    return Panache.withSession(() -> store.list(team));
  }

  public Uni<Optional<Environment>> find(String team, String name) {
    return Panache.withSession(() -> store.find(team, name));
  }
}
