package dev.slipway.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What Slipway needs of a push webhook, from GitHub's or GitLab's payload: pure parsing, no I/O.
 * Only pushes of a new commit to a branch count; tags and branch deletions are ignored.
 */
public record PushEvent(String repository, String branch, String commit, String sender) {

  private static final String HEADS = "refs/heads/";
  private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

  /** Empty when the payload is not a branch push Slipway acts on. */
  public static Optional<PushEvent> parse(String provider, String event, JsonNode payload) {
    if ("gitlab".equals(provider)) {
      if (!"push".equals(payload.path("object_kind").asText())) {
        return Optional.empty();
      }
      return of(
          payload.path("project").path("path_with_namespace").asText(null),
          payload.path("ref").asText(""),
          payload.path("checkout_sha").asText(payload.path("after").asText("")),
          payload.path("user_username").asText("unknown"));
    }
    if (!"push".equals(event) || payload.path("deleted").asBoolean(false)) {
      return Optional.empty();
    }
    return of(
        payload.path("repository").path("full_name").asText(null),
        payload.path("ref").asText(""),
        payload.path("after").asText(""),
        payload.path("sender").path("login").asText("unknown"));
  }

  private static Optional<PushEvent> of(String repository, String ref, String commit, String who) {
    if (repository == null
        || !ref.startsWith(HEADS)
        || commit.isEmpty()
        || NO_COMMIT.equals(commit)) {
      return Optional.empty();
    }
    return Optional.of(new PushEvent(repository, ref.substring(HEADS.length()), commit, who));
  }
}
