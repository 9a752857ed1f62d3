package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.domain.GuardRailViolation;
import dev.slipway.deploy.domain.KnownSecret;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.policy.EnvironmentFacts;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One app of a clone, on a worker thread: render its golden path, check the guard rails, apply all
 * of its objects or none. The same steps as a client's deploy ({@link DeployService}), with what is
 * the same for every app of the clone (rules, the clone's secrets, the namespace's facts) read once
 * by the caller. Blocking; safe to run for several apps at once (no shared mutable state).
 */
@ApplicationScoped
public class CloneAppApplier {

  private final ServerSideApplier applier;

  public CloneAppApplier(ServerSideApplier applier) {
    this.applier = applier;
  }

  /**
   * An app to deploy into the clone; {@code spec} is null when the app left the source before a
   * redelivery, {@code path} when its golden path is not installed.
   */
  record CloneApp(String name, UUID deployOperation, ObjectNode spec, GoldenPath path) {}

  /** What every app of one clone shares. */
  record Shared(
      String team,
      String environment,
      List<GuardRail> rules,
      Map<String, KnownSecret> secrets,
      EnvironmentFacts facts) {}

  sealed interface Result permits Applied, Refused {
    CloneApp app();
  }

  record Applied(CloneApp app, DeployService.Applied applied) implements Result {}

  record Refused(CloneApp app, String reason, List<FieldError> errors) implements Result {}

  Result apply(CloneApp app, Shared shared) {
    if (app.spec() == null) {
      return new Refused(app, app.name() + " is no longer in the source environment", List.of());
    }
    if (app.path() == null) {
      return new Refused(
          app,
          "no golden path for " + app.name() + " is installed on this platform",
          List.of(new FieldError("goldenPath", "no such golden path")));
    }
    AppTarget target = new AppTarget(shared.team(), shared.environment(), app.name());
    Planner.Rendered rendered;
    try {
      // References are not checked: secret-service re-creates the source's secret names on the
      // same EnvironmentCloned, maybe after this apply; they were checked when the source deployed.
      rendered = Planner.render(target, app.spec(), app.path(), shared.secrets(), false);
    } catch (RenderException e) {
      return new Refused(app, e.getMessage(), e.errors());
    } catch (IllegalArgumentException e) {
      return new Refused(app, "the app spec cannot be rendered: " + e.getMessage(), List.of());
    }
    var guardRails = Planner.check(shared.rules(), rendered.manifests(), shared.facts());
    if (!guardRails.allowed()) {
      List<GuardRailViolation> denied =
          guardRails.violations().stream()
              .filter(v -> v.severity() == GuardRail.Severity.DENY)
              .toList();
      return new Refused(
          app,
          "rejected by "
              + denied.size()
              + " guard rail violation(s): "
              + denied.stream()
                  .map(GuardRailViolation::rule)
                  .distinct()
                  .collect(Collectors.joining(", ")),
          denied.stream().map(GuardRailViolation::asFieldError).toList());
    }
    try {
      applier.applyAll(rendered.manifests());
    } catch (ApplyException e) {
      return new Refused(app, e.getMessage(), e.errors());
    }
    return new Applied(
        app,
        new DeployService.Applied(
            app.spec().toString(),
            EventJson.mapper().valueToTree(rendered.spec()).toString(),
            app.path().reference(),
            rendered.spec().image(),
            rendered.manifests(),
            null,
            null));
  }
}
