package dev.slipway.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.config.BuildsConfig;
import dev.slipway.gateway.config.PreviewsConfig;
import dev.slipway.gateway.domain.PullRequestEvent;
import dev.slipway.gateway.domain.PushEvent;
import dev.slipway.gateway.domain.WebhookSignatures;
import dev.slipway.gateway.service.BuildTriggers;
import dev.slipway.gateway.service.PreviewService;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pull request and push webhooks from GitHub and GitLab: pull requests run previews, pushes to a
 * repository's configured branch build its app (docs/builds.md). No bearer token: the body's
 * signature (GitHub) or the team's token (GitLab) is the authentication, checked before anything is
 * done. A bad or missing one answers 401 and changes nothing.
 */
@Path("/api/v1/webhooks/git")
@PermitAll
public class GitWebhookResource {

  private static final Logger LOG = Logger.getLogger(GitWebhookResource.class);

  private final PreviewsConfig config;
  private final PreviewService previews;
  private final BuildsConfig builds;
  private final BuildTriggers buildTriggers;

  public GitWebhookResource(
      PreviewsConfig config,
      PreviewService previews,
      BuildsConfig builds,
      BuildTriggers buildTriggers) {
    this.config = config;
    this.previews = previews;
    this.builds = builds;
    this.buildTriggers = buildTriggers;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(
      byte[] body,
      @HeaderParam("X-GitHub-Event") String githubEvent,
      @HeaderParam("X-GitHub-Delivery") String githubDelivery,
      @HeaderParam("X-Hub-Signature-256") String githubSignature,
      @HeaderParam("X-Gitlab-Event") String gitlabEvent,
      @HeaderParam("X-Gitlab-Event-UUID") String gitlabDelivery,
      @HeaderParam("X-Gitlab-Token") String gitlabToken) {
    String provider = githubEvent != null ? "github" : gitlabEvent != null ? "gitlab" : null;
    if (provider == null) {
      throw unauthorized();
    }
    JsonNode payload;
    try {
      payload = EventJson.mapper().readTree(body);
    } catch (IOException e) {
      throw unauthorized();
    }
    if (payload == null) {
      throw unauthorized();
    }
    // The repository names the team, whose secret checks the body; nothing is trusted before.
    Optional<String> repositoryName = PullRequestEvent.repositoryOf(provider, payload);
    PreviewsConfig.Repository repository =
        repositoryName.map(config.repositories()::get).orElse(null);
    BuildsConfig.Trigger trigger = repositoryName.map(builds.repositories()::get).orElse(null);
    String team = repository != null ? repository.team() : trigger != null ? trigger.team() : null;
    PreviewsConfig.TeamSecrets secrets = team == null ? null : config.teams().get(team);
    boolean valid =
        secrets != null
            && ("github".equals(provider)
                ? WebhookSignatures.githubValid(
                    secrets.githubSecret().orElse(null), body, githubSignature)
                : WebhookSignatures.gitlabValid(secrets.gitlabToken().orElse(null), gitlabToken));
    if (!valid) {
      LOG.warnf(
          "git webhook refused: %s delivery %s for %s: unknown repository or bad signature",
          provider,
          githubEvent != null ? githubDelivery : gitlabDelivery,
          repositoryName.orElse("?"));
      throw unauthorized();
    }
    String delivery = "github".equals(provider) ? githubDelivery : gitlabDelivery;
    Optional<PushEvent> push = PushEvent.parse(provider, githubEvent, payload);
    if (push.isPresent()) {
      return push(provider, delivery, push.get(), trigger);
    }
    Optional<PullRequestEvent> event = PullRequestEvent.parse(provider, githubEvent, payload);
    if (event.isEmpty() || repository == null) {
      return Uni.createFrom().item(Response.noContent().build());
    }
    requireDelivery(delivery);
    return previews
        .handle(provider, provider + ":" + delivery, event.get(), repository)
        .map(
            accepted -> {
              String url = "/api/v1/operations/" + accepted.operationId();
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("operationId", accepted.operationId());
              answer.put("statusUrl", url);
              answer.put("environment", repository.team() + "/" + event.get().environment());
              answer.put("previewUrl", accepted.previewUrl());
              answer.put("duplicate", accepted.duplicate());
              return Response.status(accepted.duplicate() ? 200 : 202)
                  .location(URI.create(url))
                  .entity(answer)
                  .build();
            });
  }

  /** A push to the trigger's branch builds its app; other pushes are acknowledged and ignored. */
  private Uni<Response> push(
      String provider, String delivery, PushEvent push, BuildsConfig.Trigger trigger) {
    if (trigger == null || !trigger.branch().equals(push.branch())) {
      return Uni.createFrom().item(Response.noContent().build());
    }
    requireDelivery(delivery);
    return buildTriggers
        .handle(provider + ":" + delivery, push, trigger)
        .map(
            accepted -> {
              String url = "/api/v1/operations/" + accepted.operationId();
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("operationId", accepted.operationId());
              answer.put("statusUrl", url);
              answer.put("app", trigger.team() + "/" + trigger.environment() + "/" + trigger.app());
              answer.put("commit", push.commit());
              answer.put("duplicate", accepted.duplicate());
              return Response.status(accepted.duplicate() ? 200 : 202)
                  .location(URI.create(url))
                  .entity(answer)
                  .build();
            });
  }

  private static void requireDelivery(String delivery) {
    if (delivery == null || delivery.isBlank()) {
      throw new ProblemException(
          Problem.of(400, "Bad request", "the delivery id header is missing"));
    }
  }

  private static ProblemException unauthorized() {
    return new ProblemException(
        Problem.of(401, "Unauthorized", "unknown repository or bad webhook signature"));
  }
}
