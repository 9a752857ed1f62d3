package dev.slipway.cost.rest;

import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.persistence.CostQueries;
import dev.slipway.cost.service.ReportService;
import dev.slipway.cost.service.SamplingService;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole platform's costs, idle capacity apart, and operations on demand (platform admins). */
@Path("/api/v1/platform/costs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "costs")
public class PlatformCostResource {

  /** Allocated cost per team, and the cluster's capacity: what no team requested is idle. */
  public record PlatformCosts(
      LocalDate from,
      LocalDate to,
      String currency,
      List<TeamCost> teams,
      BigDecimal allocated,
      BigDecimal capacity,
      BigDecimal unallocated) {}

  public record TeamCost(String team, BigDecimal amount) {}

  private final CostQueries queries;
  private final SamplingService sampling;
  private final ReportService reports;
  private final CurrentCaller caller;
  private final Clock clock;

  public PlatformCostResource(
      CostQueries queries,
      SamplingService sampling,
      ReportService reports,
      CurrentCaller caller,
      Clock clock) {
    this.queries = queries;
    this.sampling = sampling;
    this.reports = reports;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Operation(summary = "Costs of every team and the idle (unallocated) capacity, from..to")
  public Uni<PlatformCosts> costs(@QueryParam("from") String from, @QueryParam("to") String to) {
    requireAdmin();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<FieldError> errors = new ArrayList<>();
    LocalDate first = Params.day("from", from, today.withDayOfMonth(1), errors);
    LocalDate last = Params.day("to", to, today, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return queries
        .teamsWithCosts(first, last)
        .chain(
            teams ->
                Multi.createFrom()
                    .iterable(teams)
                    .onItem()
                    .transformToUniAndConcatenate(
                        team ->
                            queries
                                .spentByEnvironment(team, first, last)
                                .map(s -> new TeamCost(team, PlanEstimate.round(s.get("")))))
                    .collect()
                    .asList())
        .chain(
            teamCosts ->
                queries
                    .cluster(first, last)
                    .map(
                        cluster -> {
                          BigDecimal allocated =
                              teamCosts.stream()
                                  .map(TeamCost::amount)
                                  .reduce(BigDecimal.ZERO, BigDecimal::add);
                          return new PlatformCosts(
                              first,
                              last,
                              cluster == null ? null : cluster.currency(),
                              teamCosts,
                              PlanEstimate.round(allocated),
                              cluster == null ? null : PlanEstimate.round(cluster.capacityAmount()),
                              cluster == null
                                  ? null
                                  : PlanEstimate.round(
                                      cluster
                                          .capacityAmount()
                                          .subtract(cluster.allocatedAmount())
                                          .max(BigDecimal.ZERO)));
                        }));
  }

  @POST
  @Path("/samples")
  @Operation(summary = "Sample usage now, between two scheduled samples")
  public Uni<SamplingService.Outcome> sampleNow() {
    requireAdmin();
    return sampling.sample(clock.instant());
  }

  @POST
  @Path("/reports/{month}")
  @Operation(summary = "Generate every team's report of a closed month now")
  public Uni<Integer> reports(@PathParam("month") String month) {
    requireAdmin();
    List<FieldError> errors = new ArrayList<>();
    var m = Params.month(month, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return reports.generateAll(m, clock.instant());
  }

  private void requireAdmin() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins see the whole platform's costs.");
    }
  }
}
