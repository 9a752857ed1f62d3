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

  /** Where the preview's URL is posted as a pull request comment (when a team has a token). */
  Comments comments();

  interface Comments {
    /** GitHub's REST API (GitHub Enterprise: {@code https://host/api/v3}). */
    @WithDefault("https://api.github.com")
    String githubApiUrl();

    /** GitLab's REST API. */
    @WithDefault("https://gitlab.com/api/v4")
    String gitlabApiUrl();

    @WithDefault("5s")
    String checkEvery();

    /** The first retry's delay; each next one doubles, up to ten minutes. */
    @WithDefault("PT10S")
    java.time.Duration retryAfter();

    /** After this many failed attempts the comment is given up (the operation keeps the URL). */
    @WithDefault("10")
    int maxAttempts();
  }

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

    /**
     * A GitHub API token that may comment on the team's pull requests: with it, the preview's URL
     * is posted on the pull request; without it, only the operation carries the URL.
     */
    Optional<String> githubApiToken();

    /** A GitLab access token (api scope) that may add notes to the team's merge requests. */
    Optional<String> gitlabApiToken();

    default Optional<String> apiToken(String provider) {
      return "gitlab".equals(provider) ? gitlabApiToken() : githubApiToken();
    }
  }
}
