package dev.slipway.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Costs, budgets, estimates and prices owned by cost-service, with the caller's token; bodies are
 * relayed as they are (cost-service validates them and answers problem+json).
 */
@RegisterRestClient(configKey = "cost-service")
@RegisterProvider(BearerRelay.class)
@Path("/api/v1")
public interface CostServiceClient {

  @GET
  @Path("teams/{team}/costs")
  Uni<Response> costs(
      @RestPath String team,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String groupBy);

  /** JSON or CSV, as the caller's Accept asks. */
  @GET
  @Path("teams/{team}/costs/reports/{month}")
  Uni<Response> report(
      @RestPath String team,
      @RestPath String month,
      @HeaderParam(HttpHeaders.ACCEPT) String accept);

  @POST
  @Path("teams/{team}/costs/reports/{month}")
  Uni<Response> generateReport(@RestPath String team, @RestPath String month);

  @POST
  @Path("teams/{team}/costs/estimate")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> estimate(@RestPath String team, String body);

  @GET
  @Path("teams/{team}/budgets")
  Uni<Response> budgets(@RestPath String team);

  @PUT
  @Path("teams/{team}/budgets")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> setBudgets(@RestPath String team, String body);

  @GET
  @Path("platform/prices")
  Uni<Response> prices();

  @PUT
  @Path("platform/prices")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> setPrices(String body);

  @GET
  @Path("platform/costs")
  Uni<Response> platformCosts(@RestQuery String from, @RestQuery String to);

  @GET
  @Path("platform/costs/reconciliation")
  Uni<Response> reconciliation(@RestQuery String from, @RestQuery String to);
}
