package dev.slipway.environment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.environment.domain.QuotaChange;
import dev.slipway.environment.domain.TeamQuota;
import dev.slipway.environment.service.TeamQuotaService;
import dev.slipway.events.EnvironmentQuota;
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
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A team's quota per environment kind. Changes arrive as commands (TeamQuotaChangeRequested, from
 * the gateway); the gateway first asks for a review here, which checks the values and answers
 * whether the change is an increase (held for approval) and its hash (what an approval binds to).
 */
@Path("/api/v1/teams/{team}/quota")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TeamQuotaResource {

  private final TeamQuotaService quotas;
  private final CurrentCaller caller;

  public TeamQuotaResource(TeamQuotaService quotas, CurrentCaller caller) {
    this.quotas = quotas;
    this.caller = caller;
  }

  /** The quota in force per kind, the platform's limit per environment, and the last change. */
  public record QuotaResponse(
      String team,
      Map<String, EnvironmentQuota> kinds,
      EnvironmentQuota limits,
      String changedBy,
      Instant changedAt) {}

  /** One value a change moves. */
  public record Difference(String kind, String resource, String from, String to) {}

  /** What a proposal would do: the whole quota after it, and whether it needs an approval. */
  public record ReviewResponse(
      String team,
      Map<String, EnvironmentQuota> quota,
      List<Difference> changes,
      boolean increase,
      String changeHash) {}

  @GET
  public Uni<QuotaResponse> get(@PathParam("team") String team) {
    caller.get().requireTeam(team, "Team " + team);
    return quotas
        .current(team)
        .map(
            (TeamQuota q) ->
                new QuotaResponse(
                    team,
                    TeamQuotaService.wire(q.kinds()),
                    quotas.limits(),
                    q.changedBy(),
                    q.changedAt()));
  }

  /** {@code {"kinds": {"staging": {"cpu": "12", "memory": "24Gi"}}}}; omitted values stay. */
  @POST
  @Path("review")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<ReviewResponse> review(@PathParam("team") String team, JsonNode body) {
    Caller who = caller.get();
    who.requireTeam(team, "Team " + team);
    if (!who.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only a tech lead of " + team + " or a platform admin changes its quota.");
    }
    Map<String, Map<String, String>> proposed = proposal(body);
    return quotas
        .review(team, proposed)
        .map(
            review -> {
              if (review instanceof QuotaChange.Review.Invalid invalid) {
                throw ProblemException.invalid(invalid.errors());
              }
              QuotaChange change = ((QuotaChange.Review.Valid) review).change();
              return new ReviewResponse(
                  team,
                  TeamQuotaService.wire(change.to()),
                  change.differences().stream()
                      .map(
                          d ->
                              new Difference(
                                  d.kind().wire(), d.resource().wire(), d.from(), d.to()))
                      .toList(),
                  change.increase(),
                  change.hash());
            });
  }

  /** The body's values as text; a value that is neither a string nor a number becomes null. */
  private static Map<String, Map<String, String>> proposal(JsonNode body) {
    JsonNode kinds = body == null ? null : body.get("kinds");
    if (kinds == null || !kinds.isObject() || kinds.isEmpty()) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "kinds",
                  "must name at least one kind with the values to change, such as"
                      + " {\"staging\": {\"cpu\": \"12\"}}")));
    }
    Map<String, Map<String, String>> proposed = new LinkedHashMap<>();
    kinds
        .fields()
        .forEachRemaining(
            kind -> {
              if (!kind.getValue().isObject()) {
                proposed.put(kind.getKey(), null);
                return;
              }
              Map<String, String> values = new LinkedHashMap<>();
              kind.getValue()
                  .fields()
                  .forEachRemaining(
                      v ->
                          values.put(
                              v.getKey(),
                              v.getValue().isTextual() || v.getValue().isNumber()
                                  ? v.getValue().asText()
                                  : null));
              proposed.put(kind.getKey(), values);
            });
    return proposed;
  }
}
