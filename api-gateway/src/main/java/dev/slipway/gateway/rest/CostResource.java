package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.CostServiceClient;
import dev.slipway.gateway.client.Upstream;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Showback, chargeback, budgets, estimates and the price list, relayed to cost-service with the
 * caller's token. cost-service checks the team (another team's answers 404) and the roles (budgets:
 * tech leads; prices and platform costs: platform admins), so its answers pass through unchanged.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {

  private static final String SERVICE = "cost-service";

  private final CostServiceClient costs;

  public CostResource(@RestClient CostServiceClient costs) {
    this.costs = costs;
  }

  @GET
  @Path("teams/{team}/costs")
  public Uni<Response> costs(
      @RestPath String team,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String groupBy) {
    return Upstream.relay(SERVICE, costs.costs(team, from, to, groupBy));
  }

  @GET
  @Path("teams/{team}/costs/reports/{month}")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Uni<Response> report(
      @RestPath String team,
      @RestPath String month,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    String wanted =
        accept != null && accept.contains("text/csv") ? "text/csv" : MediaType.APPLICATION_JSON;
    return Upstream.relay(SERVICE, costs.report(team, month, wanted));
  }

  @POST
  @Path("teams/{team}/costs/reports/{month}")
  public Uni<Response> generateReport(@RestPath String team, @RestPath String month) {
    return Upstream.relay(SERVICE, costs.generateReport(team, month));
  }

  @POST
  @Path("teams/{team}/costs/estimate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> estimate(@RestPath String team, String body) {
    return Upstream.relay(SERVICE, costs.estimate(team, body));
  }

  @GET
  @Path("teams/{team}/budgets")
  public Uni<Response> budgets(@RestPath String team) {
    return Upstream.relay(SERVICE, costs.budgets(team));
  }

  @PUT
  @Path("teams/{team}/budgets")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> setBudgets(@RestPath String team, String body) {
    return Upstream.relay(SERVICE, costs.setBudgets(team, body));
  }
}
