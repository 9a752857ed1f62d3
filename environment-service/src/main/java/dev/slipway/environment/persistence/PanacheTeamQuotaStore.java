package dev.slipway.environment.persistence;

import dev.slipway.environment.domain.TeamQuota;
import dev.slipway.environment.service.TeamQuotaStore;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

@ApplicationScoped
public class PanacheTeamQuotaStore
    implements TeamQuotaStore, PanacheRepositoryBase<TeamQuotaEntity, TeamQuotaEntity.Key> {

  @Override
  public Uni<TeamQuota> find(String team) {
    return list("team", team)
        .map(
            rows -> {
              Map<EnvironmentKind, EnvironmentQuota> kinds = new EnumMap<>(EnvironmentKind.class);
              rows.forEach(
                  r ->
                      kinds.put(
                          EnvironmentKind.fromWire(r.kind),
                          new EnvironmentQuota(r.cpu, r.memory, r.pods, r.storage)));
              var last = rows.stream().max(Comparator.comparing(r -> r.changedAt));
              return new TeamQuota(
                  team,
                  kinds,
                  last.map(r -> r.changedBy).orElse(null),
                  last.map(r -> r.changedAt).orElse(null));
            });
  }

  @Override
  public Uni<Void> save(
      String team, Map<EnvironmentKind, EnvironmentQuota> quota, String changedBy, Instant at) {
    Uni<Void> all = Uni.createFrom().voidItem();
    for (var entry : quota.entrySet()) {
      all =
          all.chain(
              () ->
                  find("team = ?1 and kind = ?2", team, entry.getKey().wire())
                      .firstResult()
                      .chain(
                          existing -> {
                            TeamQuotaEntity row =
                                existing == null ? new TeamQuotaEntity() : existing;
                            row.team = team;
                            row.kind = entry.getKey().wire();
                            row.cpu = entry.getValue().cpu();
                            row.memory = entry.getValue().memory();
                            row.pods = entry.getValue().pods();
                            row.storage = entry.getValue().storage();
                            row.changedBy = changedBy;
                            row.changedAt = at;
                            return existing == null
                                ? persist(row).replaceWithVoid()
                                : Uni.createFrom().voidItem();
                          }));
    }
    return all;
  }
}
