package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * Preview environments per pull request: which repository belongs to which team and app, what the
 * preview is cloned from, and each team's webhook secrets. Secrets come from the environment
 * ({@code SLIPWAY_PREVIEWS_TEAMS__PAYMENTS__GITHUB_SECRET}), never from the repository.
 */
@ConfigMapping(prefix = "slipway.previews")
public interface PreviewsConfig {

  /** Keyed by the repository's full path, as the git host names it: {@code acme/checkout}. */
  Map<String, Repository> repositories();

  /** Keyed by team. */
  Map<String, TeamSecrets> teams();

  interface Repository {
    String team();

    /** The app of the team's environments that this repository builds. */
    String app();

    /** The environment each preview is cloned from. */
    @WithDefault("staging")
    String baseEnvironment();

    /** {@code {number}}, {@code {sha}} and {@code {repository}} are replaced. */
    String imageTemplate();

    /** The preview's Ingress host; {@code {app}} and {@code {number}} are replaced. */
    Optional<String> hostTemplate();
  }

  interface TeamSecrets {
    /** GitHub's webhook secret: {@code X-Hub-Signature-256} is its HMAC-SHA256 of the body. */
    Optional<String> githubSecret();

    /** GitLab's secret token, sent as {@code X-Gitlab-Token}. */
    Optional<String> gitlabToken();
  }
}
