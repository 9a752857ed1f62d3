package dev.slipway.cost.messaging;

import dev.slipway.cost.service.ReportService;
import dev.slipway.cost.service.SamplingService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The timers: usage samples every few minutes, chargeback reports on the 1st. Every replica runs
 * them; the sampling lock and the report's key (first insert wins) make each happen once.
 */
@ApplicationScoped
public class CostJobs {

  private final SamplingService sampling;
  private final ReportService reports;
  private final Clock clock;

  public CostJobs(SamplingService sampling, ReportService reports, Clock clock) {
    this.sampling = sampling;
    this.reports = reports;
    this.clock = clock;
  }

  @Scheduled(
      every = "${slipway.cost.sample-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sample() {
    return sampling.sample(clock.instant()).replaceWithVoid();
  }

  @Scheduled(
      cron = "${slipway.cost.reports.cron}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> monthlyReports() {
    Instant now = clock.instant();
    return reports
        .generateMissing(YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1), now)
        .replaceWithVoid();
  }
}
