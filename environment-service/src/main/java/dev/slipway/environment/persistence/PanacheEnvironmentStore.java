package dev.slipway.environment.persistence;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.service.EnvironmentStore;
import dev.slipway.events.EnvironmentKind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PanacheEnvironmentStore
    implements EnvironmentStore, PanacheRepositoryBase<EnvironmentEntity, Long> {

  @Override
  public Uni<Optional<Environment>> find(String team, String name) {
    return find("team = ?1 and name = ?2", team, name)
        .firstResult()
        .map(row -> Optional.ofNullable(row).map(PanacheEnvironmentStore::toDomain));
  }

  @Override
  public Uni<List<Environment>> list(String team) {
    return find("team", Sort.by("name"), team)
        .list()
        .map(rows -> rows.stream().map(PanacheEnvironmentStore::toDomain).toList());
  }

  @Override
  public Uni<Void> add(Environment environment) {
    var row = new EnvironmentEntity();
    row.team = environment.team();
    row.name = environment.name();
    row.kind = environment.kind().wire();
    row.namespace = environment.namespace();
    row.status = environment.status().name();
    row.createdAt = environment.createdAt();
    row.lastActivityAt = environment.createdAt();
    return persist(row).replaceWithVoid();
  }

  private static Environment toDomain(EnvironmentEntity row) {
    return new Environment(
        row.team,
        row.name,
        EnvironmentKind.fromWire(row.kind),
        row.namespace,
        EnvironmentStatus.valueOf(row.status),
        row.createdAt);
  }
}
