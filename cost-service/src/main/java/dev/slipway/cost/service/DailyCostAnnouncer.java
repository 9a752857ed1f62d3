package dev.slipway.cost.service;

import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.persistence.CostStore;
import dev.slipway.events.CostComputed;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Publishes CostComputed once per environment and UTC day, when the day is over: the first sample
 * after midnight closes it. Each announcement and its marker commit together.
 */
@ApplicationScoped
public class DailyCostAnnouncer {

  private final CostStore store;
  private final Outbox outbox;

  public DailyCostAnnouncer(CostStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  public Uni<Void> announceClosedDays(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return store
        .unpublishedDaysBefore(today)
        .chain(
            days ->
                Multi.createFrom()
                    .iterable(days)
                    .onItem()
                    .transformToUniAndConcatenate(
                        day ->
                            Panache.withTransaction(
                                () ->
                                    store
                                        .markPublished(day, now)
                                        .chain(
                                            first ->
                                                first
                                                    ? outbox
                                                        .append(
                                                            new CostComputed(
                                                                day.team(),
                                                                day.environment(),
                                                                day.day(),
                                                                PlanEstimate.round(
                                                                    day.cpuCoreHours()),
                                                                PlanEstimate.round(
                                                                    day.memoryGibHours()),
                                                                PlanEstimate.round(day.amount()),
                                                                day.currency(),
                                                                now))
                                                        .replaceWithVoid()
                                                    : Uni.createFrom().voidItem())))
                    .collect()
                    .last()
                    .replaceWithVoid());
  }
}
