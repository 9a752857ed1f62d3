package dev.slipway.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.service.CommandService;
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
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The team's quota per environment kind. A change is first reviewed by environment-service (bad
 * values and values above the platform's limit: 400 problem+json, nothing happens); a change that
 * raises any value waits for a second person's approval, bound to the change's hash; one that
 * raises nothing is published at once. Either way the answer is 202 with an operation.
 */
@Path("/api/v1/teams/{team}/quota")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

  private static final String SERVICE = "environment-service";
  private static final TypeReference<Map<String, EnvironmentQuota>> QUOTA =
      new TypeReference<>() {};

  private final CurrentCaller caller;
  private final CommandService commands;
  private final EnvironmentServiceClient environmentService;

  public QuotaResource(
      CurrentCaller caller,
      CommandService commands,
      @RestClient EnvironmentServiceClient environmentService) {
    this.caller = caller;
    this.commands = commands;
    this.environmentService = environmentService;
  }

  @GET
  public Uni<Response> get(@PathParam("team") String team) {
    return Upstream.relay(SERVICE, environmentService.quota(team));
  }

  /** {@code {"kinds": {"staging": {"cpu": "12", "memory": "24Gi", "pods": 60}}}}. */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> change(@PathParam("team") String team, String body) {
    Caller who = caller.get();
    return Upstream.relay(SERVICE, environmentService.reviewQuota(team, body == null ? "{}" : body))
        .chain(
            review -> {
              if (review.getStatus() != 200) {
                return Uni.createFrom().item(review);
              }
              JsonNode change = json((String) review.getEntity());
              Map<String, EnvironmentQuota> quota =
                  EventJson.mapper().convertValue(change.path("quota"), QUOTA);
              String hash = change.path("changeHash").asText();
              return (change.path("increase").asBoolean()
                      ? commands.changeQuotaAwaitingApproval(who, team, quota, hash)
                      : commands.changeQuota(who, team, quota, hash))
                  .map(Accepted::of);
            });
  }

  private static JsonNode json(String body) {
    try {
      return EventJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("environment-service answered invalid JSON", e);
    }
  }
}
