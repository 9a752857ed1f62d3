package dev.slipway.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.gateway.client.EnvironmentServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.gateway.domain.EnvironmentExport;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.gateway.service.AccessContext;
import dev.slipway.gateway.service.AccessControl;
import dev.slipway.gateway.service.CommandService;
import dev.slipway.gateway.service.CostEstimates;
import dev.slipway.gateway.service.EnvironmentExporter;
import dev.slipway.gateway.service.EnvironmentLookup;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A team's environments: create, delete and clone (commands), list and show (queries to
 * environment-service).
 */
@Path("/api/v1/teams/{team}/environments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  // The namespace is <team>-<env>: together they must stay a DNS-1123 label.
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private final CurrentCaller caller;
  private final EnvironmentLookup lookup;
  private final CommandService commands;
  private final EnvironmentServiceClient environmentService;
  private final AccessControl control;
  private final AccessContext access;
  @Inject CostEstimates estimates;
  private final EnvironmentExporter exporter;

  public EnvironmentResource(
      EnvironmentExporter exporter,
      CurrentCaller caller,
      EnvironmentLookup lookup,
      CommandService commands,
      @RestClient EnvironmentServiceClient environmentService,
      AccessControl control,
      AccessContext access) {
    this.exporter = exporter;
    this.control = control;
    this.access = access;
    this.caller = caller;
    this.lookup = lookup;
    this.commands = commands;
    this.environmentService = environmentService;
  }

  /** What a client sends to create an environment. */
  public record CreateEnvironment(String name, String kind) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@PathParam("team") String team, CreateEnvironment request) {
    Caller who = caller.get();
    List<FieldError> errors = new ArrayList<>();
    String name = request == null ? null : request.name();
    if (name == null || !DNS_LABEL.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "name",
              "must be lowercase letters, digits and '-', starting and ending with a letter or digit"));
    } else if (team.length() + 1 + name.length() > 63) {
      errors.add(
          new FieldError(
              "name", "makes the namespace " + team + "-" + name + " longer than 63 characters"));
    }
    EnvironmentKind kind = null;
    try {
      kind = EnvironmentKind.fromWire(request == null ? null : request.kind());
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError("kind", "must be one of production, staging, development, preview"));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    EnvironmentKind accepted = kind;
    return control
        .authorizeKind(access, accepted)
        .chain(() -> lookup.find(team, name))
        .chain(
            existing -> {
              if (existing.isPresent()) {
                throw ProblemException.conflict(
                    "Environment " + team + "/" + name + " already exists.");
              }
              return commands.createEnvironment(who, team, name, accepted);
            })
        .map(Accepted::of);
  }

  /** What a client sends to clone an environment: the new one's name and kind, and overrides. */
  public record CloneEnvironment(String name, String kind, ObjectNode overrides) {}

  @DELETE
  @Path("{env}")
  public Uni<Response> delete(@PathParam("team") String team, @PathParam("env") String env) {
    Caller who = caller.get();
    // Production: a tech lead's deletion waits for a second person (policy: approval).
    return (access.approvalRequired()
            ? commands.deleteEnvironmentAwaitingApproval(who, team, env)
            : commands.deleteEnvironment(who, team, env))
        .map(Accepted::of);
  }

  @POST
  @Path("{env}/clone")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> cloneEnvironment(
      @PathParam("team") String team, @PathParam("env") String source, CloneEnvironment request) {
    Caller who = caller.get();
    List<FieldError> errors = new ArrayList<>();
    String name = request == null ? null : request.name();
    validateName(team, name, errors);
    EnvironmentKind kind = parseKind(request == null ? null : request.kind(), errors);
    ObjectNode overrides = request == null ? null : request.overrides();
    errors.addAll(CloneOverrides.validate(overrides));
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    EnvironmentKind accepted = kind;
    ObjectNode acceptedOverrides =
        overrides == null ? EventJson.mapper().createObjectNode() : overrides;
    return control
        .authorizeKind(access, accepted)
        .chain(() -> lookup.find(team, name))
        .chain(
            existing -> {
              if (existing.isPresent()) {
                throw ProblemException.conflict(
                    "Environment " + team + "/" + name + " already exists.");
              }
              return commands.cloneEnvironment(
                  who, team, source, name, accepted, acceptedOverrides);
            })
        .chain(
            op ->
                estimates
                    .forClone(team, source, name, acceptedOverrides)
                    .map(estimate -> CloneAccepted.of(op, estimate)));
  }

  /** A clone's 202: the operation, and what the clone will cost a month as its source runs now. */
  public record CloneAccepted(UUID operationId, String statusUrl, JsonNode costEstimate) {

    static Response of(Operation operation, JsonNode costEstimate) {
      Accepted accepted = (Accepted) Accepted.of(operation).getEntity();
      return Response.accepted(
              new CloneAccepted(accepted.operationId(), accepted.statusUrl(), costEstimate))
          .location(URI.create(accepted.statusUrl()))
          .build();
    }
  }

  private static void validateName(String team, String name, List<FieldError> errors) {
    if (name == null || !DNS_LABEL.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "name",
              "must be lowercase letters, digits and '-', starting and ending with a letter or digit"));
    } else if (team.length() + 1 + name.length() > 63) {
      errors.add(
          new FieldError(
              "name", "makes the namespace " + team + "-" + name + " longer than 63 characters"));
    }
  }

  private static EnvironmentKind parseKind(String kind, List<FieldError> errors) {
    try {
      return EnvironmentKind.fromWire(kind);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError("kind", "must be one of production, staging, development, preview"));
      return null;
    }
  }

  /** Keeps a non-production environment from expiring; {@code {"pinned": false}} unpins. */
  @POST
  @Path("{env}/pin")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> pin(
      @PathParam("team") String team, @PathParam("env") String env, String body) {
    requireTechLeadForLifecycle(team, env);
    return Upstream.relay(
        "environment-service",
        environmentService.pin(team, env, body == null || body.isBlank() ? "{}" : body));
  }

  /** Pushes the expiry back: {@code {"days": 1..90}}. */
  @POST
  @Path("{env}/extend")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> extend(
      @PathParam("team") String team, @PathParam("env") String env, String body) {
    requireTechLeadForLifecycle(team, env);
    return Upstream.relay(
        "environment-service",
        environmentService.extend(team, env, body == null || body.isBlank() ? "{}" : body));
  }

  private void requireTechLeadForLifecycle(String team, String env) {
    Caller who = caller.get();
    who.requireTeam(team, "Environment " + team + "/" + env);
    if (!who.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only a tech lead of " + team + " or a platform admin pins or extends environments.");
    }
  }

  @GET
  public Uni<Response> list(@PathParam("team") String team) {
    return Upstream.relay("environment-service", environmentService.list(team));
  }

  @GET
  @Path("{env}")
  public Uni<Response> get(@PathParam("team") String team, @PathParam("env") String env) {
    return Upstream.relay("environment-service", environmentService.get(team, env));
  }

  /**
   * The environment for GitOps, as files by path: {@code format=kustomize} (default) a base of this
   * environment's applied manifests and an overlay per environment of the team; {@code
   * format=applicationset} an Argo CD ApplicationSet over those overlays, in {@code repoUrl} (under
   * {@code path}, if given). Secret values never leave: Secrets become placeholders.
   */
  @GET
  @Path("{env}/export")
  public Uni<EnvironmentExporter.Export> export(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @QueryParam("format") String format,
      @QueryParam("repoUrl") String repoUrl,
      @QueryParam("path") String path) {
    String wanted = format == null || format.isBlank() ? "kustomize" : format;
    List<FieldError> errors = new ArrayList<>();
    if (!wanted.equals("kustomize") && !wanted.equals("applicationset")) {
      errors.add(new FieldError("format", "must be kustomize or applicationset"));
    }
    if (wanted.equals("applicationset")
        && (repoUrl == null || !REPO_URL.matcher(repoUrl).matches())) {
      errors.add(
          new FieldError(
              "repoUrl",
              "must be the Git repository Argo CD reads (https://..., ssh://... or git@...)"));
    }
    String under = path == null ? "" : path.replaceAll("^/+|/+$", "");
    if (under.contains("..")) {
      errors.add(new FieldError("path", "must be a path inside the repository"));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(ProblemException.invalid(errors));
    }
    return exporter
        .gather(team)
        .map(
            environments ->
                new EnvironmentExporter.Export(
                    wanted,
                    team,
                    env,
                    wanted.equals("kustomize")
                        ? EnvironmentExport.kustomize(team, env, environments)
                        : EnvironmentExport.applicationSet(team, repoUrl, under, environments)));
  }

  private static final Pattern REPO_URL = Pattern.compile("^(https://|ssh://|git@)[^\\s]+$");
}
