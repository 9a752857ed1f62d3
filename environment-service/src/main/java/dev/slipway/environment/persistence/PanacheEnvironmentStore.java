package dev.slipway.environment.persistence;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.service.EnvironmentStore;
import dev.slipway.events.EnvironmentKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    row.lastActivityAt = environment.lastActivityAt();
    row.clonedFrom = environment.clonedFrom();
    return persist(row).replaceWithVoid();
  }

  @Override
  public Uni<Void> touch(String team, String name, Instant at) {
    return update(
            "lastActivityAt = ?1 where team = ?2 and name = ?3 and lastActivityAt < ?1",
            at,
            team,
            name)
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> setStatus(String team, String name, EnvironmentStatus status) {
    return update("status = ?1 where team = ?2 and name = ?3", status.name(), team, name)
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> remove(String team, String name) {
    return native_(
            "delete from environment_app where team = :team and environment = :env", team, name)
        .chain(() -> delete("team = ?1 and name = ?2", team, name))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<String>> apps(String team, String name) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select app from environment_app where team = :team and environment = :env"
                            + " order by app",
                        String.class)
                    .setParameter("team", team)
                    .setParameter("env", name)
                    .getResultList());
  }

  @Override
  public Uni<Map<String, Integer>> appCounts(String team) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select environment, count(*) from environment_app where team = :team"
                            + " group by environment",
                        Object[].class)
                    .setParameter("team", team)
                    .getResultList())
        .map(
            rows -> {
              Map<String, Integer> counts = new LinkedHashMap<>();
              rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).intValue()));
              return counts;
            });
  }

  @Override
  public Uni<Void> recordDeploy(String team, String name, String app, int revision, Instant at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into environment_app (team, environment, app, revision, deployed_at)"
                            + " select :team, :env, :app, :revision, :at from environment"
                            + " where team = :team and name = :env"
                            + " on conflict (team, environment, app) do update"
                            + " set revision = greatest(environment_app.revision, excluded.revision),"
                            + " deployed_at = greatest(environment_app.deployed_at, excluded.deployed_at)")
                    .setParameter("team", team)
                    .setParameter("env", name)
                    .setParameter("app", app)
                    .setParameter("revision", revision)
                    .setParameter("at", at)
                    .executeUpdate())
        .chain(
            () ->
                update(
                    "lastActivityAt = ?1 where team = ?2 and name = ?3 and lastActivityAt < ?1",
                    at,
                    team,
                    name))
        .replaceWithVoid();
  }

  private static Uni<Integer> native_(String sql, String team, String env) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql)
                    .setParameter("team", team)
                    .setParameter("env", env)
                    .executeUpdate());
  }

  private static Environment toDomain(EnvironmentEntity row) {
    return new Environment(
        row.team,
        row.name,
        EnvironmentKind.fromWire(row.kind),
        row.namespace,
        EnvironmentStatus.valueOf(row.status),
        row.createdAt,
        row.lastActivityAt,
        row.clonedFrom,
        row.pinned,
        row.extendedUntil);
  }
}
