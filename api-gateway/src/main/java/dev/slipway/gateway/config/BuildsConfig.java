package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Builds on git push: which repository builds which app, in which environment, from which branch. A
 * push webhook is checked with the team's webhook secret ({@code slipway.previews.teams.<team>},
 * the same secret as its pull request webhooks).
 */
@ConfigMapping(prefix = "slipway.builds")
public interface BuildsConfig {

  /** Keyed by the repository's full path, as the git host names it: {@code acme/checkout}. */
  Map<String, Trigger> repositories();

  interface Trigger {
    String team();

    String app();

    /** A non-production environment of the team: deploy-service refuses pushes into production. */
    String environment();

    /** Pushes to this branch build; others are ignored. */
    @WithDefault("main")
    String branch();
  }
}
