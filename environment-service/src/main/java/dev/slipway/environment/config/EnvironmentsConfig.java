package dev.slipway.environment.config;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Per-kind defaults for what an environment may use. Platform teams tune them in
 * application.properties (or SLIPWAY_ENVIRONMENTS_* variables) without a release.
 */
@ConfigMapping(prefix = "slipway.environments")
public interface EnvironmentsConfig {

  /** Keyed by the kind's wire name: production, staging, development, preview. */
  Map<String, Quota> quota();

  LimitRangeDefaults limitRange();

  /** Where the ingress controller runs: the one namespace allowed through the default deny. */
  @WithDefault("ingress-nginx")
  String ingressNamespace();

  TeamAccess teamAccess();

  Expiry expiry();

  /** How long a teardown waits for the namespace to be gone before it reports a failure. */
  @WithDefault("PT5M")
  java.time.Duration deleteTimeout();

  /**
   * The most a team's quota may give one environment: a tech lead may raise the team's quota up to
   * here (with a second person's approval), never beyond.
   */
  Quota quotaLimits();

  /** The platform's default for a kind, which a team's own quota replaces. */
  default EnvironmentQuota quotaFor(EnvironmentKind kind) {
    Quota quota = quota().get(kind.wire());
    if (quota == null) {
      throw new IllegalStateException(
          "no quota configured for kind " + kind.wire() + ": set slipway.environments.quota.*");
    }
    return quota.toEnvironmentQuota();
  }

  /** Hard totals of the environment's ResourceQuota (requests and limits alike). */
  interface Quota {
    String cpu();

    String memory();

    int pods();

    /** Storage all PersistentVolumeClaims of the environment may request together. */
    String storage();

    default EnvironmentQuota toEnvironmentQuota() {
      return new EnvironmentQuota(cpu(), memory(), pods(), storage());
    }
  }

  /**
   * The team's RoleBindings, as data: per kind, which ClusterRole each of the team's groups gets.
   * Groups are named by {@link #groupPattern()}; the defaults bind {@code view} in production and
   * {@code slipway:team-edit} (edit without reading Secrets, k8s/rbac/team-roles.yaml) elsewhere.
   */
  interface TeamAccess {
    /** {@code {team}} and {@code {group}} are replaced: {@code slipway:payments:developers}. */
    @WithDefault("slipway:{team}:{group}")
    String groupPattern();

    /** Keyed by the kind's wire name, then by group (developers, tech-leads): a ClusterRole. */
    Map<String, Map<String, String>> bindings();

    default Map<String, String> bindingsFor(EnvironmentKind kind) {
      return bindings().getOrDefault(kind.wire(), Map.of());
    }

    default String group(String team, String group) {
      return groupPattern().replace("{team}", team).replace("{group}", group);
    }
  }

  /** When idle non-production environments expire. */
  interface Expiry {
    @WithDefault("30")
    int idleDays();

    /** How often the expiry pass runs (read by ExpiryJob's schedule). */
    @WithDefault("1m")
    String checkEvery();

    /** Per-team overrides of {@link #idleDays()}. */
    Map<String, Integer> teamIdleDays();

    default int idleDaysFor(String team) {
      return teamIdleDays().getOrDefault(team, idleDays());
    }
  }

  /** What a container gets when its spec says nothing. */
  interface LimitRangeDefaults {
    Resources defaultRequest();

    Resources defaultLimit();
  }

  interface Resources {
    String cpu();

    String memory();
  }
}
