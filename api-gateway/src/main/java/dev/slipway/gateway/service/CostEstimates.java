package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.CostServiceClient;
import dev.slipway.gateway.persistence.PlanCostEstimate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The monthly cost of a plan or a clone, asked of cost-service with the caller's token and shown
 * beside the answer as {@code costEstimate}. An estimate is a courtesy: when cost-service is down,
 * slow or refuses, the plan or clone still answers, with {@code {"available": false, "reason"}}.
 */
@ApplicationScoped
public class CostEstimates {

  private static final Logger LOG = Logger.getLogger(CostEstimates.class);

  private final CostServiceClient costs;
  private final Duration timeout;

  public CostEstimates(
      @RestClient CostServiceClient costs,
      @ConfigProperty(name = "slipway.cost-estimates.timeout", defaultValue = "3s")
          Duration timeout) {
    this.costs = costs;
    this.timeout = timeout;
  }

  /** A plan's rendered manifests priced against what the environment's apps run now. */
  public Uni<ObjectNode> forPlan(String team, String environment, JsonNode plan) {
    ObjectNode request = EventJson.mapper().createObjectNode();
    request.put("environment", environment);
    request.set("manifests", plan.path("manifests"));
    return ask(team, request);
  }

  /** A clone of {@code source} as it runs now, with the clone's replicas override if any. */
  public Uni<ObjectNode> forClone(String team, String source, String name, ObjectNode overrides) {
    ObjectNode request = EventJson.mapper().createObjectNode();
    request.put("environment", name);
    request.put("cloneOf", source);
    if (overrides != null && overrides.path("replicas").isInt()) {
      request.put("replicas", overrides.get("replicas").asInt());
    }
    return ask(team, request);
  }

  /** Keeps a plan's estimate for the approval of a deploy bound to that plan. */
  public Uni<Void> remember(String planHash, String team, String environment, ObjectNode estimate) {
    var row = new PlanCostEstimate();
    row.planHash = planHash;
    row.team = team;
    row.environment = environment;
    row.estimate = estimate.toString();
    row.createdAt = Instant.now();
    return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.merge(row)))
        .replaceWithVoid();
  }

  /** The estimate of the plan a deploy is bound to, if it was made for this team's environment. */
  public Uni<String> ofPlan(String planHash, String team, String environment) {
    if (planHash == null) {
      return Uni.createFrom().nullItem();
    }
    return PlanCostEstimate.<PlanCostEstimate>findById(planHash)
        .map(
            e ->
                e != null && e.team.equals(team) && e.environment.equals(environment)
                    ? e.estimate
                    : null);
  }

  private Uni<ObjectNode> ask(String team, ObjectNode request) {
    return costs
        .estimate(team, request.toString())
        .ifNoItem()
        .after(timeout)
        .fail()
        .map(
            response -> {
              String body = response.hasEntity() ? response.readEntity(String.class) : "";
              if (response.getStatus() != 200) {
                return unavailable("cost-service answered " + response.getStatus());
              }
              JsonNode answer = parse(body);
              ObjectNode estimate = EventJson.mapper().createObjectNode();
              estimate.put("available", true);
              for (String field :
                  new String[] {
                    "monthlyAmount", "currentMonthlyAmount", "monthlyDelta", "currency"
                  }) {
                if (answer.has(field)) {
                  estimate.set(field, answer.get(field));
                }
              }
              return estimate;
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("cost estimate unavailable for team=%s: %s", team, failure.toString());
              return unavailable("cost-service cannot be reached");
            });
  }

  private static JsonNode parse(String body) {
    try {
      return EventJson.mapper().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cost-service answered something that is not JSON", e);
    }
  }

  private static ObjectNode unavailable(String reason) {
    return EventJson.mapper().createObjectNode().put("available", false).put("reason", reason);
  }
}
