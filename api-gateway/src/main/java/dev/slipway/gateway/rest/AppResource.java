package dev.slipway.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.events.spec.AppSpecValidator;
import dev.slipway.gateway.client.DeployServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.service.AccessContext;
import dev.slipway.gateway.service.CommandService;
import dev.slipway.gateway.service.CostEstimates;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Apps of a team's environment: deploy (a command), list and show (queries to deploy-service). */
@Path("/api/v1/teams/{team}/environments/{env}/apps")
@Authenticated
public class AppResource {

  private final CurrentCaller caller;
  private final AccessContext access;
  private final CommandService commands;
  private final DeployServiceClient deployService;
  private final CostEstimates estimates;
  static final String PLAN_HASH_HEADER = "Slipway-Plan-Hash";
  private static final java.util.regex.Pattern PLAN_HASH =
      java.util.regex.Pattern.compile("^[0-9a-f]{64}$");

  private final AppSpecValidator validator = new AppSpecValidator();

  public AppResource(
      CurrentCaller caller,
      AccessContext access,
      CommandService commands,
      @RestClient DeployServiceClient deployService,
      CostEstimates estimates) {
    this.caller = caller;
    this.access = access;
    this.commands = commands;
    this.deployService = deployService;
    this.estimates = estimates;
  }

  /**
   * Deploys an app spec (JSON or YAML). Answers 202 with the operation to follow. With {@code
   * planHash} (query parameter or {@code Slipway-Plan-Hash} header) exactly that reviewed plan is
   * applied, or the operation fails with "the plan changed since it was made".
   */
  @POST
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> deploy(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("planHash") String planHashParam,
      @HeaderParam(PLAN_HASH_HEADER) String planHashHeader,
      String body) {
    Caller who = caller.get();
    var parsed =
        validator.parseAndValidate(body, contentType != null && contentType.contains("yaml"));
    String planHash = planHashParam != null ? planHashParam : planHashHeader;
    if (planHash != null && !PLAN_HASH.matcher(planHash).matches()) {
      var errors = new java.util.ArrayList<>(parsed.errors());
      errors.add(new FieldError("planHash", "is not a plan hash (64 hex characters)"));
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    if (!parsed.ok()) {
      return Uni.createFrom().failure(ProblemException.invalid(parsed.errors()));
    }
    if (access.approvalRequired()) {
      // A developer's production deploy waits for a tech lead, bound to the plan they reviewed.
      if (planHash == null) {
        return Uni.createFrom()
            .failure(
                ProblemException.invalid(
                    List.of(
                        new FieldError(
                            "planHash",
                            "is required: a deploy that needs approval is bound to a reviewed"
                                + " plan; POST .../apps/{app}/plan first, then deploy with its"
                                + " planHash"))));
      }
      return commands
          .deployAwaitingApproval(who, team, env, access.kind(), parsed.spec(), planHash)
          .map(Accepted::of);
    }
    return commands
        .deploy(who, team, env, access.kind(), parsed.spec(), planHash)
        .map(Accepted::of);
  }

  /**
   * What deploying this spec would do (manifests, diff against live state, guard rails, plan hash),
   * after the same validation and access checks as a deploy. Changes nothing.
   */
  @POST
  @Path("{app}/plan")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> plan(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    boolean yaml = contentType != null && contentType.contains("yaml");
    var parsed = validator.parseAndValidate(body, yaml);
    if (!parsed.ok()) {
      return Uni.createFrom().failure(ProblemException.invalid(parsed.errors()));
    }
    if (!app.equals(parsed.spec().path("name").asText())) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalid(
                  List.of(new FieldError("name", "must be " + app + " (the app in the URL)"))));
    }
    return Upstream.relay(
            "deploy-service",
            deployService.plan(
                team,
                env,
                app,
                access.kind().wire(),
                MediaType.APPLICATION_JSON,
                parsed.spec().toString()))
        .chain(plan -> withCostEstimate(team, env, plan));
  }

  /**
   * Adds {@code costEstimate} (cost-service's monthly estimate and delta) to a plan, and keeps it
   * for the approval of a deploy bound to the plan's hash. The plan answers whatever happens.
   */
  private Uni<Response> withCostEstimate(String team, String env, Response plan) {
    if (plan.getStatus() != 200 || !(plan.getEntity() instanceof String body)) {
      return Uni.createFrom().item(plan);
    }
    JsonNode answer;
    try {
      answer = EventJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().item(plan);
    }
    if (!(answer instanceof ObjectNode planJson)) {
      return Uni.createFrom().item(plan);
    }
    String planHash = planJson.path("planHash").asText(null);
    return estimates
        .forPlan(team, env, planJson)
        .call(
            estimate ->
                planHash == null
                    ? Uni.createFrom().voidItem()
                    : estimates
                        .remember(planHash, team, env, estimate)
                        .onFailure()
                        .recoverWithNull())
        .map(
            estimate ->
                Response.ok(planJson.set("costEstimate", estimate).toString())
                    .type(MediaType.APPLICATION_JSON)
                    .build());
  }

  /** Re-applies revision {@code {revision}} of the app as a new revision: 202 and an operation. */
  @POST
  @Path("{app}/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> rollback(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String app,
      RollbackRequest request) {
    Caller who = caller.get();
    if (request == null || request.revision() == null || request.revision() < 1) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalid(
                  List.of(
                      new FieldError("revision", "is required: a revision number (1, 2, ...)"))));
    }
    return commands
        .rollback(who, team, env, access.kind(), app, request.revision())
        .map(Accepted::of);
  }

  /** The body of a rollback. */
  public record RollbackRequest(Integer revision) {}

  @GET
  @Path("{app}/revisions")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> revisions(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    return Upstream.relay("deploy-service", deployService.revisions(team, env, app));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> list(@PathParam("team") String team, @PathParam("env") String env) {
    return Upstream.relay("deploy-service", deployService.list(team, env));
  }

  @GET
  @Path("{app}")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String app) {
    return Upstream.relay("deploy-service", deployService.get(team, env, app));
  }
}
