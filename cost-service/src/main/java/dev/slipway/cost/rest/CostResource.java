package dev.slipway.cost.rest;

import dev.slipway.cost.domain.BillAllocation;
import dev.slipway.cost.domain.MonthlyReport;
import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.kubernetes.model.ManifestWorkloads;
import dev.slipway.cost.persistence.CostQueries;
import dev.slipway.cost.persistence.PriceStore;
import dev.slipway.cost.service.BillService;
import dev.slipway.cost.service.ReportService;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Showback, chargeback and estimates of one team; another team's answers 404. */
@Path("/api/v1/teams/{team}/costs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "costs")
public class CostResource {

  public static final String TEXT_CSV = "text/csv";

  private final CostQueries queries;
  private final BillService bills;
  private final ReportService reports;
  private final PriceStore prices;
  private final CurrentCaller caller;
  private final Clock clock;

  public CostResource(
      CostQueries queries,
      BillService bills,
      ReportService reports,
      PriceStore prices,
      CurrentCaller caller,
      Clock clock) {
    this.queries = queries;
    this.bills = bills;
    this.reports = reports;
    this.prices = prices;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Operation(
      summary = "Showback: the team's costs from..to (days, both included) by env, app or day")
  public Uni<ShowbackResponse> costs(
      @PathParam("team") String team,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    member(team);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<FieldError> errors = new ArrayList<>();
    LocalDate first = Params.day("from", from, today.withDayOfMonth(1), errors);
    LocalDate last = Params.day("to", to, today, errors);
    if (last.isBefore(first)) {
      errors.add(new FieldError("to", "must not be before from"));
    }
    CostQueries.GroupBy grouping = groupBy(groupBy, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return queries
        .costs(team, first, last, grouping)
        .chain(
            groups ->
                bills
                    .reconcile(first, last)
                    .chain(
                        billedDays ->
                            prices
                                .at(clock.instant())
                                .map(
                                    effective ->
                                        showback(
                                            team,
                                            first,
                                            last,
                                            grouping,
                                            groups,
                                            billedDays,
                                            effective.prices().currency()))));
  }

  private static ShowbackResponse showback(
      String team,
      LocalDate first,
      LocalDate last,
      CostQueries.GroupBy grouping,
      List<CostQueries.Group> groups,
      List<BillAllocation.Day> billedDays,
      String listCurrency) {
    // What the bill changes, per group: billed minus list amount on the billed days.
    Map<String, BigDecimal> adjustments = new HashMap<>();
    for (BillAllocation.Day day : billedDays) {
      for (BillAllocation.Share share : day.shares()) {
        if (share.team().equals(team)) {
          adjustments.merge(
              key(grouping, share.environment(), share.app(), day.day()),
              share.billedAmount().subtract(share.listAmount()),
              BigDecimal::add);
        }
      }
    }
    boolean billed = !billedDays.isEmpty();
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal billedTotal = BigDecimal.ZERO;
    List<ShowbackResponse.Item> items = new ArrayList<>();
    for (var g : groups) {
      BigDecimal billedAmount =
          g.amount()
              .add(
                  adjustments.getOrDefault(
                      key(grouping, g.environment(), g.app(), g.day()), BigDecimal.ZERO));
      total = total.add(g.amount());
      billedTotal = billedTotal.add(billedAmount);
      items.add(
          new ShowbackResponse.Item(
              g.environment(),
              g.app(),
              g.day(),
              PlanEstimate.round(g.cpuCoreHours()),
              PlanEstimate.round(g.memoryGibHours()),
              PlanEstimate.round(g.amount()),
              billed ? PlanEstimate.round(billedAmount) : null));
    }
    String currency = groups.isEmpty() ? listCurrency : groups.get(0).currency();
    return new ShowbackResponse(
        team,
        first,
        last,
        grouping.name().toLowerCase(Locale.ROOT),
        currency,
        PlanEstimate.round(total),
        billed ? PlanEstimate.round(billedTotal) : null,
        items);
  }

  private static String key(
      CostQueries.GroupBy grouping, String environment, String app, LocalDate day) {
    return switch (grouping) {
      case ENV -> environment;
      case APP -> environment + "/" + app;
      case DAY -> day.toString();
      case ENV_APP_DAY -> environment + "/" + app + "/" + day;
    };
  }

  @GET
  @Path("/reports/{month}")
  @Operation(summary = "Monthly chargeback (JSON); a closed month's report is final")
  public Uni<MonthlyReport> report(
      @PathParam("team") String team, @PathParam("month") String month) {
    member(team);
    return reports.report(team, month(month), clock.instant());
  }

  @GET
  @Path("/reports/{month}")
  @Produces(TEXT_CSV)
  @Operation(summary = "Monthly chargeback as CSV, one row per environment and app")
  public Uni<String> reportCsv(@PathParam("team") String team, @PathParam("month") String month) {
    member(team);
    return reports.report(team, month(month), clock.instant()).map(MonthlyReport::toCsv);
  }

  @POST
  @Path("/reports/{month}")
  @Operation(summary = "Generate a closed month's report now (tech leads and admins)")
  public Uni<MonthlyReport> generate(
      @PathParam("team") String team, @PathParam("month") String month) {
    Caller c = member(team);
    if (!c.isTechLead(team)) {
      throw ProblemException.forbidden("Only the team's tech leads and platform admins may.");
    }
    YearMonth m = month(month);
    if (!m.isBefore(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)))) {
      throw ProblemException.conflict(month + " is not over yet: GET shows it so far.");
    }
    return reports.generate(team, m, clock.instant());
  }

  @POST
  @Path("/estimate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Monthly cost of a plan's rendered resources (requests × replicas)")
  public Uni<EstimateResponse> estimate(@PathParam("team") String team, EstimateRequest body) {
    member(team);
    List<FieldError> errors = new ArrayList<>();
    List<PlanEstimate.Workload> workloads = new ArrayList<>();
    List<String> skipped = List.of();
    boolean clone = body != null && body.cloneOf() != null;
    if (body == null || (!clone && empty(body.manifests()) && empty(body.workloads()))) {
      errors.add(
          new FieldError("manifests", "give manifests or workloads to estimate, or cloneOf"));
    } else {
      if (clone && !Params.DNS_LABEL.matcher(body.cloneOf()).matches()) {
        errors.add(new FieldError("cloneOf", "must be an environment name (a DNS label)"));
      }
      if (body.replicas() != null && (body.replicas() < 0 || !clone)) {
        errors.add(new FieldError("replicas", "overrides a clone's replicas: zero or more"));
      }
      if (!empty(body.manifests())) {
        try {
          var fromManifests = ManifestWorkloads.from(body.manifests());
          workloads.addAll(fromManifests.workloads());
          skipped = fromManifests.skipped();
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("manifests", "holds a resource quantity that is not valid"));
        }
      }
      if (!empty(body.workloads())) {
        for (int i = 0; i < body.workloads().size(); i++) {
          workloads.add(workload(body.workloads().get(i), "workloads[" + i + "]", errors));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    boolean newEnvironment = clone || Boolean.TRUE.equals(body.newEnvironment());
    List<String> notPriced = skipped;
    // A clone prices what its source runs now; a plan is measured against what its apps run now.
    String sampled = clone ? body.cloneOf() : body.environment();
    Uni<List<PlanEstimate.RunningApp>> running =
        sampled == null || (newEnvironment && !clone)
            ? Uni.createFrom().item(List.of())
            : queries.runningApps(team, sampled);
    return running.chain(
        apps ->
            prices
                .at(clock.instant())
                .map(
                    effective -> {
                      List<PlanEstimate.Workload> priced = new ArrayList<>(workloads);
                      if (clone) {
                        priced.addAll(PlanEstimate.cloneOf(apps, body.replicas()));
                      }
                      var result = PlanEstimate.monthly(priced, newEnvironment, effective.prices());
                      Set<String> named = new HashSet<>();
                      priced.forEach(w -> named.add(w.app()));
                      BigDecimal current =
                          newEnvironment
                              ? PlanEstimate.round(BigDecimal.ZERO)
                              : PlanEstimate.current(apps, named, effective.prices());
                      return new EstimateResponse(
                          team,
                          body.environment(),
                          result.monthlyAmount(),
                          result.currency(),
                          result.lines().stream()
                              .map(l -> new EstimateResponse.Line(l.app(), l.monthlyAmount()))
                              .toList(),
                          notPriced,
                          current,
                          result.monthlyAmount().subtract(current));
                    }));
  }

  private static PlanEstimate.Workload workload(
      EstimateRequest.WorkloadItem item, String field, List<FieldError> errors) {
    int replicas = item.replicas() == null ? 1 : item.replicas();
    if (replicas < 0) {
      errors.add(new FieldError(field + ".replicas", "must be zero or more"));
    }
    return new PlanEstimate.Workload(
        item.app() == null ? "" : item.app(),
        replicas,
        quantity(item.cpu(), field + ".cpu", errors),
        ManifestWorkloads.gib(quantity(item.memory(), field + ".memory", errors)),
        ManifestWorkloads.gib(quantity(item.storage(), field + ".storage", errors)));
  }

  private static BigDecimal quantity(String value, String field, List<FieldError> errors) {
    try {
      return ManifestWorkloads.quantity(
          value == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "must be a Kubernetes quantity such as 250m or 512Mi"));
      return BigDecimal.ZERO;
    }
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }

  private Caller member(String team) {
    Caller c = caller.get();
    c.requireTeam(team, "Team " + team);
    return c;
  }

  private static YearMonth month(String value) {
    List<FieldError> errors = new ArrayList<>();
    YearMonth month = Params.month(value, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return month;
  }

  private static CostQueries.GroupBy groupBy(String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return CostQueries.GroupBy.ENV;
    }
    switch (value) {
      case "env":
      case "environment":
        return CostQueries.GroupBy.ENV;
      case "app":
        return CostQueries.GroupBy.APP;
      case "day":
        return CostQueries.GroupBy.DAY;
      default:
        errors.add(new FieldError("groupBy", "must be env, app or day"));
        return CostQueries.GroupBy.ENV;
    }
  }
}
