package dev.slipway.cost.rest;

import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.persistence.CostQueries;
import dev.slipway.cost.service.BudgetService;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Monthly budgets of a team and its environments (set by tech leads and platform admins). */
@Path("/api/v1/teams/{team}/budgets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "costs")
public class BudgetResource {

  private static final String NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private final BudgetService budgets;
  private final CostQueries queries;
  private final CurrentCaller caller;
  private final Clock clock;

  public BudgetResource(
      BudgetService budgets, CostQueries queries, CurrentCaller caller, Clock clock) {
    this.budgets = budgets;
    this.queries = queries;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Operation(summary = "The team's budgets with this month's spend so far")
  public Uni<BudgetsBody> get(@PathParam("team") String team) {
    caller.get().requireTeam(team, "Team " + team);
    return view(team);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the team's budgets (tech leads and platform admins)")
  public Uni<BudgetsBody> put(@PathParam("team") String team, BudgetsBody body) {
    Caller c = caller.get();
    c.requireTeam(team, "Team " + team);
    if (!c.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only the team's tech leads and platform admins set budgets.");
    }
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      throw ProblemException.invalid(List.of(new FieldError("monthly", "a body is required")));
    }
    if (body.monthly() != null && body.monthly().signum() <= 0) {
      errors.add(new FieldError("monthly", "must be more than zero"));
    }
    Map<String, BigDecimal> environments =
        body.environments() == null ? Map.of() : body.environments();
    for (var e : environments.entrySet()) {
      if (!e.getKey().matches(NAME)) {
        errors.add(new FieldError("environments." + e.getKey(), "is not an environment name"));
      } else if (e.getValue() == null || e.getValue().signum() <= 0) {
        errors.add(new FieldError("environments." + e.getKey(), "must be more than zero"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return budgets
        .set(
            team,
            new BudgetService.Budgets(body.monthly(), environments),
            c.username(),
            clock.instant())
        .chain(() -> view(team));
  }

  private Uni<BudgetsBody> view(String team) {
    YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    return budgets
        .get(team)
        .chain(
            list ->
                queries
                    .spentByEnvironment(team, month.atDay(1), month.atEndOfMonth())
                    .map(
                        spent -> {
                          BigDecimal monthly = null;
                          Map<String, BigDecimal> envs = new LinkedHashMap<>();
                          List<BudgetsBody.Status> status = new ArrayList<>();
                          for (var b : list) {
                            if (b.environment().isEmpty()) {
                              monthly = b.amount();
                            } else {
                              envs.put(b.environment(), b.amount());
                            }
                            BigDecimal s = spent.getOrDefault(b.environment(), BigDecimal.ZERO);
                            status.add(
                                new BudgetsBody.Status(
                                    b.environment().isEmpty() ? null : b.environment(),
                                    b.amount(),
                                    PlanEstimate.round(s),
                                    s.multiply(BigDecimal.valueOf(100))
                                        .divide(b.amount(), 1, RoundingMode.HALF_UP)));
                          }
                          return new BudgetsBody(monthly, envs, status);
                        }));
  }
}
