package dev.slipway.deploy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.KnownSecrets;
import dev.slipway.deploy.persistence.Revision;
import dev.slipway.deploy.service.Planner;
import dev.slipway.deploy.service.PlatformCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.events.spec.AppSpecValidator;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.reactive.BlockingCalls;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import java.time.Instant;
import java.util.List;

/** Queries on apps, and plans; deploys and rollbacks arrive as events, not here. */
@Path("/api/v1/teams/{team}/environments/{env}/apps")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppResource {

  private final CurrentCaller caller;
  private final PlatformCatalog catalog;
  private final Planner planner;
  private final BlockingCalls blocking;
  private final KnownSecrets knownSecrets;
  private final AppSpecValidator validator = new AppSpecValidator();

  public AppResource(
      CurrentCaller caller,
      PlatformCatalog catalog,
      Planner planner,
      BlockingCalls blocking,
      KnownSecrets knownSecrets) {
    this.caller = caller;
    this.catalog = catalog;
    this.planner = planner;
    this.blocking = blocking;
    this.knownSecrets = knownSecrets;
  }

  @GET
  @WithSession
  public Uni<List<AppView>> list(@PathParam("team") String team, @PathParam("env") String env) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    return App.list(team, env).map(apps -> apps.stream().map(AppView::of).toList());
  }

  @GET
  @Path("{app}")
  @WithSession
  public Uni<AppView> get(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String name) {
    return app(team, env, name).map(AppView::of);
  }

  /** An app's history, newest first. */
  @GET
  @Path("{app}/revisions")
  @WithSession
  public Uni<List<RevisionView>> revisions(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String name) {
    return app(team, env, name)
        .chain(app -> Revision.ofApp(app.id))
        .map(list -> list.stream().map(RevisionView::of).toList());
  }

  /**
   * The manifests of the app's latest revision, as rendered and applied (for exports such as
   * kustomize): Kubernetes objects only, never secret values (Secrets are secret-service's).
   */
  @GET
  @Path("{app}/manifests")
  @WithSession
  public Uni<AppliedManifests> manifests(
      @PathParam("team") String team, @PathParam("env") String env, @PathParam("app") String name) {
    return app(team, env, name)
        .chain(app -> Revision.ofApp(app.id))
        .map(
            list -> {
              if (list.isEmpty()) {
                throw ProblemException.notFound("A revision of " + team + "/" + env + "/" + name);
              }
              Revision latest = list.get(0);
              return new AppliedManifests(name, latest.number, tree(latest.manifests));
            });
  }

  /** What {@code GET .../apps/{app}/manifests} answers. */
  public record AppliedManifests(String app, int revision, JsonNode manifests) {}

  public record RevisionView(
      int number,
      String image,
      String requestedBy,
      Instant createdAt,
      String operationId,
      String goldenPath,
      Integer rollbackOf) {
    static RevisionView of(Revision r) {
      return new RevisionView(
          r.number,
          r.image,
          r.requestedBy,
          r.createdAt,
          r.operationId.toString(),
          r.goldenPath,
          r.rollbackOf);
    }
  }

  /**
   * What deploying this spec would do: the manifests, a diff per object against live state (from a
   * server-side dry run), the guard-rail results and the plan's hash, to deploy exactly this plan.
   * {@code kind} is the environment's kind when the caller knows it (the gateway does).
   */
  @POST
  @Path("{app}/plan")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @WithSession
  public Uni<Planner.Plan> plan(
      @PathParam("team") String team,
      @PathParam("env") String env,
      @PathParam("app") String name,
      @QueryParam("kind") String kind,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    caller.get().requireTeam(team, "Environment " + team + "/" + env);
    var parsed =
        validator.parseAndValidate(body, contentType != null && contentType.contains("yaml"));
    if (!parsed.ok()) {
      return Uni.createFrom().failure(ProblemException.invalid(parsed.errors()));
    }
    ObjectNode spec = parsed.spec();
    if (!name.equals(spec.path("name").asText())) {
      return Uni.createFrom()
          .failure(
              ProblemException.invalid(
                  List.of(new FieldError("name", "must be " + name + " (the app in the URL)"))));
    }
    var target = new AppTarget(team, env, name);
    return catalog
        .forSpec(spec)
        .chain(
            path ->
                catalog
                    .rules()
                    .chain(
                        rules ->
                            knownSecrets
                                .of(team, env)
                                .chain(
                                    secrets ->
                                        blocking.call(
                                            () ->
                                                planner.plan(
                                                    target,
                                                    spec,
                                                    path,
                                                    rules.rules(),
                                                    kind,
                                                    secrets)))))
        .onFailure(RenderException.class)
        .transform(e -> ProblemException.invalid(((RenderException) e).errors()))
        .onFailure(ApplyException.class)
        .transform(
            e -> {
              var rejected = (ApplyException) e;
              int status = rejected.status() == 404 ? 422 : rejected.status();
              return new ProblemException(
                  Problem.of(status, "Rejected by the cluster", rejected.getMessage())
                      .withErrors(rejected.errors()));
            });
  }

  private Uni<App> app(String team, String env, String name) {
    String what = "App " + team + "/" + env + "/" + name;
    caller.get().requireTeam(team, what);
    return App.find(team, env, name)
        .map(
            app -> {
              if (app == null) {
                throw ProblemException.notFound(what);
              }
              return app;
            });
  }

  static JsonNode tree(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
