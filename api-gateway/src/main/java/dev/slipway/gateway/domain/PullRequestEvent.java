package dev.slipway.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What Slipway needs of a pull (merge) request webhook, from GitHub's or GitLab's payload: pure
 * parsing, no I/O. Actions other than these three are ignored.
 */
public record PullRequestEvent(
    String repository, int number, String sha, Action action, String sender) {

  public enum Action {
    OPENED,
    UPDATED,
    CLOSED
  }

  /** The environment a pull request's preview lives in. */
  public String environment() {
    return "pr-" + number;
  }

  /** The repository a payload is about, before anything else is trusted. */
  public static Optional<String> repositoryOf(String provider, JsonNode payload) {
    JsonNode name =
        "gitlab".equals(provider)
            ? payload.path("project").path("path_with_namespace")
            : payload.path("repository").path("full_name");
    return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
  }

  /** Empty when the payload is not a pull request event Slipway acts on. */
  public static Optional<PullRequestEvent> parse(String provider, String event, JsonNode payload) {
    return "gitlab".equals(provider) ? gitlab(payload) : github(event, payload);
  }

  private static Optional<PullRequestEvent> github(String event, JsonNode p) {
    if (!"pull_request".equals(event)) {
      return Optional.empty();
    }
    Action action;
    switch (p.path("action").asText()) {
      case "opened", "reopened" -> action = Action.OPENED;
      case "synchronize" -> action = Action.UPDATED;
      case "closed" -> action = Action.CLOSED;
      default -> {
        return Optional.empty();
      }
    }
    JsonNode pr = p.path("pull_request");
    return of(
        p.path("repository").path("full_name").asText(null),
        pr.path("number").asInt(p.path("number").asInt(0)),
        pr.path("head").path("sha").asText(""),
        action,
        p.path("sender").path("login").asText("unknown"));
  }

  private static Optional<PullRequestEvent> gitlab(JsonNode p) {
    if (!"merge_request".equals(p.path("object_kind").asText())) {
      return Optional.empty();
    }
    JsonNode mr = p.path("object_attributes");
    Action action;
    switch (mr.path("action").asText()) {
      case "open", "reopen" -> action = Action.OPENED;
      case "update" -> action = Action.UPDATED;
      case "close", "merge" -> action = Action.CLOSED;
      default -> {
        return Optional.empty();
      }
    }
    return of(
        p.path("project").path("path_with_namespace").asText(null),
        mr.path("iid").asInt(0),
        mr.path("last_commit").path("id").asText(""),
        action,
        p.path("user").path("username").asText("unknown"));
  }

  private static Optional<PullRequestEvent> of(
      String repository, int number, String sha, Action action, String sender) {
    if (repository == null || number <= 0) {
      return Optional.empty();
    }
    return Optional.of(new PullRequestEvent(repository, number, sha, action, sender));
  }
}
