package dev.slipway.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.config.PreviewsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Comments on a pull request (GitHub: {@code POST /repos/{owner}/{repo}/issues/{n}/comments}) or a
 * merge request (GitLab: {@code POST /projects/{path}/merge_requests/{iid}/notes}). Blocking. Each
 * comment carries a hidden marker; a comment whose marker is already there is not posted again, so
 * an attempt that posted but could not record it does not post twice.
 */
@ApplicationScoped
public class GitHostComments {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PreviewsConfig config;

  public GitHostComments(PreviewsConfig config) {
    this.config = config;
  }

  /** Why a post failed: the git host's status, never the token. */
  public static class CommentFailed extends RuntimeException {
    public CommentFailed(String message) {
      super(message);
    }
  }

  /**
   * Posts {@code text} with {@code marker} unless a comment with the marker exists.
   *
   * @return true when posted now, false when it was there already
   */
  public boolean post(
      String provider, String repository, int number, String token, String marker, String text) {
    String base =
        "gitlab".equals(provider) ? gitlab(repository, number) : github(repository, number);
    JsonNode existing =
        send(provider, token, HttpRequest.newBuilder(URI.create(base + "?per_page=100")).GET());
    for (JsonNode comment : existing) {
      if (comment.path("body").asText("").contains(marker)) {
        return false;
      }
    }
    String body =
        EventJson.mapper().createObjectNode().put("body", text + "\n\n" + marker).toString();
    send(
        provider,
        token,
        HttpRequest.newBuilder(URI.create(base))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    return true;
  }

  private String github(String repository, int number) {
    return config.comments().githubApiUrl()
        + "/repos/"
        + repository
        + "/issues/"
        + number
        + "/comments";
  }

  private String gitlab(String repository, int number) {
    return config.comments().gitlabApiUrl()
        + "/projects/"
        + URLEncoder.encode(repository, StandardCharsets.UTF_8)
        + "/merge_requests/"
        + number
        + "/notes";
  }

  private JsonNode send(String provider, String token, HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(10));
    if ("gitlab".equals(provider)) {
      request.header("PRIVATE-TOKEN", token);
    } else {
      request
          .header("Authorization", "Bearer " + token)
          .header("Accept", "application/vnd.github+json")
          .header("X-GitHub-Api-Version", "2022-11-28");
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new CommentFailed(
            provider
                + " answered "
                + response.statusCode()
                + " to "
                + built.method()
                + " "
                + built.uri());
      }
      return EventJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new CommentFailed(provider + " unreachable at " + built.uri() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommentFailed("interrupted");
    }
  }
}
