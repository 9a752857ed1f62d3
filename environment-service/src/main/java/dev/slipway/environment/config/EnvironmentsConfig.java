package dev.slipway.environment.config;

import dev.slipway.events.EnvironmentKind;
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

  default Quota quotaFor(EnvironmentKind kind) {
    Quota quota = quota().get(kind.wire());
    if (quota == null) {
      throw new IllegalStateException(
          "no quota configured for kind " + kind.wire() + ": set slipway.environments.quota.*");
    }
    return quota;
  }

  /** Hard totals of the environment's ResourceQuota (requests and limits alike). */
  interface Quota {
    String cpu();

    String memory();

    int pods();
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
