package dev.slipway.cost.service;

import dev.slipway.cost.config.CostConfig;
import dev.slipway.cost.domain.CostCalculator;
import dev.slipway.cost.domain.UsageSnapshot;
import dev.slipway.cost.kubernetes.client.UsageReader;
import dev.slipway.cost.persistence.CostStore;
import dev.slipway.cost.persistence.PriceStore;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * One sample: read the cluster, price the interval since the previous sample, store both; then
 * announce closed days (CostComputed) and budgets crossed (BudgetExceeded).
 */
@ApplicationScoped
public class SamplingService {

  private static final Logger LOG = Logger.getLogger(SamplingService.class);

  /** What one call did; {@code skipped} when another replica held the sampling lock. */
  public record Outcome(
      Instant sampledAt,
      Instant previousAt,
      boolean skipped,
      int namespaces,
      int pods,
      int costLines) {}

  private final UsageReader reader;
  private final BlockingCalls blocking;
  private final CostStore store;
  private final PriceStore prices;
  private final DailyCostAnnouncer announcer;
  private final BudgetService budgets;
  private final CostConfig config;

  public SamplingService(
      UsageReader reader,
      BlockingCalls blocking,
      CostStore store,
      PriceStore prices,
      DailyCostAnnouncer announcer,
      BudgetService budgets,
      CostConfig config) {
    this.reader = reader;
    this.blocking = blocking;
    this.store = store;
    this.prices = prices;
    this.announcer = announcer;
    this.budgets = budgets;
    this.config = config;
  }

  public Uni<Outcome> sample(Instant at) {
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    return blocking
        .call(() -> reader.snapshot(now))
        .chain(snapshot -> Panache.withTransaction(() -> record(snapshot)))
        .call(
            outcome ->
                outcome.skipped()
                    ? Uni.createFrom().voidItem()
                    : afterCommit(outcome.previousAt(), now));
  }

  private Uni<Outcome> record(UsageSnapshot snapshot) {
    return store
        .tryLockSampling()
        .chain(
            locked -> {
              if (!locked) {
                return Uni.createFrom().item(new Outcome(snapshot.at(), null, true, 0, 0, 0));
              }
              return store
                  .latestBefore(snapshot.at())
                  .chain(
                      previous ->
                          prices
                              .at(snapshot.at())
                              .chain(
                                  effective -> {
                                    var interval =
                                        CostCalculator.between(
                                            previous, snapshot, effective.prices());
                                    return store
                                        .insert(snapshot)
                                        .chain(
                                            () ->
                                                store.add(
                                                    interval.lines(),
                                                    interval.cluster(),
                                                    effective.prices().currency()))
                                        .chain(
                                            () ->
                                                store.pruneSamplesBefore(
                                                    snapshot
                                                        .at()
                                                        .minus(
                                                            Duration.ofDays(
                                                                config.samples().retentionDays()))))
                                        .map(
                                            pruned -> {
                                              LOG.infof(
                                                  "sample at=%s namespaces=%d pods=%d"
                                                      + " costLines=%d",
                                                  snapshot.at(),
                                                  snapshot.namespaces().size(),
                                                  snapshot.pods().size(),
                                                  interval.lines().size());
                                              return new Outcome(
                                                  snapshot.at(),
                                                  previous == null ? null : previous.at(),
                                                  false,
                                                  snapshot.namespaces().size(),
                                                  snapshot.pods().size(),
                                                  interval.lines().size());
                                            });
                                  }));
            });
  }

  /** The interval may reach back into last month: its budgets are checked too. */
  private Uni<Void> afterCommit(Instant previousAt, Instant now) {
    return announcer
        .announceClosedDays(now)
        .chain(() -> budgets.check(previousAt == null ? now : previousAt, now));
  }
}
