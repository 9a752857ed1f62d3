package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.config.DeployConfig;
import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.domain.GuardRailViolation;
import dev.slipway.deploy.domain.KnownSecret;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.domain.SecretReferenceCheck;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.kubernetes.client.ClusterReader;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.kubernetes.model.GoldenPathRenderer;
import dev.slipway.deploy.kubernetes.model.ManifestDiff;
import dev.slipway.deploy.kubernetes.model.ManifestDiff.ObjectDiff;
import dev.slipway.deploy.kubernetes.model.Patches;
import dev.slipway.deploy.policy.EnvironmentFacts;
import dev.slipway.deploy.policy.GuardRailEngine;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Render, check, dry-run, diff: everything short of applying. Blocking (it calls the API server):
 * run it through BlockingCalls.
 */
@ApplicationScoped
public class Planner {

  private final ClusterReader cluster;
  private final ServerSideApplier applier;
  private final DeployConfig config;

  public Planner(ClusterReader cluster, ServerSideApplier applier, DeployConfig config) {
    this.cluster = cluster;
    this.applier = applier;
    this.config = config;
  }

  /** Rendered manifests with the spec and golden path that produced them. */
  public record Rendered(EffectiveSpec spec, GoldenPath path, List<HasMetadata> manifests) {}

  public record Plan(
      String goldenPath,
      EffectiveSpec effectiveSpec,
      List<JsonNode> manifests,
      List<ObjectDiff> diff,
      GuardRailResult guardRails,
      String planHash) {}

  public record GuardRailResult(boolean allowed, List<GuardRailViolation> violations) {
    public static GuardRailResult of(List<GuardRailViolation> violations) {
      return new GuardRailResult(
          violations.stream().noneMatch(v -> v.severity() == GuardRail.Severity.DENY), violations);
    }
  }

  /** Renders without secrets: no reference check, no version stamps. */
  public static Rendered render(AppTarget target, JsonNode spec, GoldenPath path) {
    return render(target, spec, path, Map.of(), false);
  }

  /**
   * Renders with the environment's secrets: each referenced secret's version hash is stamped on the
   * pod template, and with {@code checkReferences} a reference to a missing secret or key is a
   * field error.
   */
  public static Rendered render(
      AppTarget target,
      JsonNode spec,
      GoldenPath path,
      Map<String, KnownSecret> secrets,
      boolean checkReferences) {
    EffectiveSpec resolved = new SpecResolver(path).resolve(spec);
    if (checkReferences) {
      var errors = SecretReferenceCheck.errors(spec, resolved, secrets);
      if (!errors.isEmpty()) {
        throw new RenderException(
            "the app spec references " + errors.size() + " secret key(s) that do not exist",
            errors);
      }
    }
    EffectiveSpec effective =
        resolved.withSecretVersions(SecretReferenceCheck.stamps(resolved, secrets));
    return new Rendered(effective, path, new GoldenPathRenderer(path).render(target, effective));
  }

  public EnvironmentFacts facts(AppTarget target, String environmentKind) {
    return cluster.facts(
        target.namespace(), environmentKind, config.allowedRegistries().orElse(List.of()));
  }

  public static GuardRailResult check(
      List<GuardRail> rules, List<HasMetadata> manifests, EnvironmentFacts facts) {
    return GuardRailResult.of(GuardRailEngine.evaluate(rules, manifests, facts));
  }

  /** Dry-runs every object and diffs it against live state. */
  public List<ObjectDiff> diff(List<HasMetadata> manifests) {
    List<ObjectDiff> diffs = new ArrayList<>();
    for (HasMetadata object : manifests) {
      HasMetadata live = cluster.live(object);
      HasMetadata dryRun = applier.dryRun(object);
      diffs.add(ManifestDiff.of(object, live, dryRun));
    }
    return diffs;
  }

  public Plan plan(
      AppTarget target,
      JsonNode spec,
      GoldenPath path,
      List<GuardRail> rules,
      String kind,
      Map<String, KnownSecret> secrets) {
    Rendered rendered = render(target, spec, path, secrets, true);
    GuardRailResult guardRails = check(rules, rendered.manifests(), facts(target, kind));
    List<ObjectDiff> diffs = diff(rendered.manifests());
    return new Plan(
        path.reference(),
        rendered.spec(),
        rendered.manifests().stream().map(Patches::toTree).toList(),
        diffs,
        guardRails,
        hash(rendered.manifests(), diffs));
  }

  /**
   * A plan's identity: the manifests to apply and what applying them would change. Live changes
   * that the apply would not touch (an HPA scaling the Deployment) leave it as it was.
   */
  public static String hash(List<HasMetadata> manifests, List<ObjectDiff> diffs) {
    StringBuilder text = new StringBuilder();
    for (HasMetadata object : manifests) {
      text.append(ManifestDiff.yaml(object)).append('\u0000');
    }
    for (ObjectDiff diff : diffs) {
      text.append(diff.kind()).append(diff.name()).append(diff.action()).append(diff.diff());
    }
    return Names.hash(text.toString());
  }
}
