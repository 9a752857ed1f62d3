package dev.slipway.deploy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.domain.GuardRailViolation;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.service.GoldenPaths;
import dev.slipway.deploy.service.Planner;
import dev.slipway.deploy.service.PlatformCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in guard rails (CEL) over rendered manifests, expert patches included. */
class GuardRailEngineTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<GuardRail> RULES = PlatformCatalog.builtInRules();

  @Test
  void theBuiltInRulesCompile() {
    assertThat(GuardRailEngine.check(RULES)).isEmpty();
  }

  @Test
  void everyGoldenPathPassesInProduction() throws Exception {
    for (String spec :
        List.of(
            "{name: a, image: ghcr.io/x/a:1, port: 80}",
            "{name: a, type: worker, image: ghcr.io/x/a:1}",
            "{name: a, type: cron, image: ghcr.io/x/a:1, schedule: '0 * * * *'}",
            "{name: a, type: job, image: ghcr.io/x/a:1}")) {
      JsonNode tree = YAML.readTree(spec);
      var path = GoldenPaths.builtIn(tree.path("type").asText("web"));
      var manifests = Planner.render(new AppTarget("t", "prod", "a"), tree, path).manifests();
      assertThat(evaluate(manifests, "production", List.of(), Map.of())).as(spec).isEmpty();
    }
  }

  @Test
  void expertPatchesCannotSneakPastTheRulesAndEveryViolationIsListed() throws Exception {
    JsonNode spec =
        YAML.readTree(
            """
            name: a
            image: nginx:latest
            port: 80
            replicas: 1
            autoscaling: {enabled: false}
            patches:
              - target: {kind: Deployment}
                merge:
                  spec:
                    template:
                      spec:
                        hostNetwork: true
                        volumes: [{name: host, hostPath: {path: /}}]
                        containers:
                          - name: a
                            securityContext: {privileged: true, runAsUser: 0}
                            resources: {limits: null}
            """);
    var manifests =
        Planner.render(new AppTarget("t", "prod", "a"), spec, GoldenPaths.builtIn("web"))
            .manifests();

    var violations = evaluate(manifests, "production", List.of("ghcr.io"), Map.of());

    assertThat(violations)
        .extracting(GuardRailViolation::rule)
        .containsExactlyInAnyOrder(
            "no-privileged",
            "no-host-path",
            "no-host-network",
            "no-root-user",
            "limits-required",
            "no-latest-in-production",
            "replicas-in-production",
            "allowed-registries");
    assertThat(violations)
        .extracting(GuardRailViolation::field)
        .contains("Deployment/a:spec.template.spec.hostNetwork", "Deployment/a:spec.replicas");
  }

  @Test
  void productionRulesDoNotApplyInDevelopmentAndQuotaIsChecked() throws Exception {
    JsonNode spec =
        YAML.readTree("{name: a, image: nginx:latest, port: 80, resources: {preset: large}}");
    var manifests =
        Planner.render(new AppTarget("t", "dev", "a"), spec, GoldenPaths.builtIn("web"))
            .manifests();

    var violations =
        evaluate(manifests, "development", List.of(), Map.of("requestsCpuMilli", 2000L));

    // large: 1 CPU per replica, 3 replicas at minimum scale: 3000m over a 2000m quota.
    assertThat(violations)
        .extracting(GuardRailViolation::rule)
        .containsExactly("requests-within-quota");
  }

  @Test
  void imageReferencesAreReadAsRegistriesDo() {
    assertThat(ImageReference.parse("nginx"))
        .isEqualTo(new ImageReference("docker.io", "library/nginx", "", ""));
    assertThat(ImageReference.parse("localhost:5000/a/b:1.0"))
        .isEqualTo(new ImageReference("localhost:5000", "a/b", "1.0", ""));
    assertThat(ImageReference.parse("ghcr.io/acme/x@sha256:abc").digest()).isEqualTo("sha256:abc");
  }

  private static List<GuardRailViolation> evaluate(
      List<HasMetadata> manifests, String kind, List<String> registries, Map<String, Long> quota) {
    return GuardRailEngine.evaluate(
        RULES, manifests, new EnvironmentFacts(kind, "t-" + kind, registries, quota));
  }
}
