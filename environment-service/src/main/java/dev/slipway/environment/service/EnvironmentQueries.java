package dev.slipway.environment.service;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentOverview;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Reads of environments; callers have checked the reader may see the team. */
@ApplicationScoped
public class EnvironmentQueries {

  private final EnvironmentStore store;
  private final EnvironmentsConfig config;
  private final Clock clock;

  public EnvironmentQueries(EnvironmentStore store, EnvironmentsConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  public Uni<List<EnvironmentOverview>> list(String team) {
    int idleDays = config.expiry().idleDaysFor(team);
    return Panache.withSession(
        () ->
            store
                .list(team)
                .chain(
                    environments ->
                        store
                            .appCounts(team)
                            .map(
                                counts ->
                                    environments.stream()
                                        .map(
                                            e ->
                                                EnvironmentOverview.of(
                                                    e,
                                                    counts.getOrDefault(e.name(), 0),
                                                    idleDays,
                                                    clock.instant()))
                                        .toList())));
  }

  public Uni<Optional<EnvironmentOverview>> find(String team, String name) {
    int idleDays = config.expiry().idleDaysFor(team);
    return Panache.withSession(
        () ->
            store
                .find(team, name)
                .chain(
                    found ->
                        found.isEmpty()
                            ? Uni.createFrom().item(Optional.<EnvironmentOverview>empty())
                            : store
                                .apps(team, name)
                                .map(
                                    apps ->
                                        Optional.of(
                                            EnvironmentOverview.of(
                                                found.get(),
                                                apps.size(),
                                                idleDays,
                                                clock.instant())))));
  }
}
