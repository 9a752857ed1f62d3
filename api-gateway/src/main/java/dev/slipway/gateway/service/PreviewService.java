package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.config.PreviewsConfig;
import dev.slipway.gateway.domain.PullRequestEvent;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.gateway.persistence.PreviewComment;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a verified pull request event into the command its preview needs: opened → clone the base
 * environment as {@code pr-<n>} with the PR's image; updated → clone again onto the preview (a
 * refresh: environment-service keeps the namespace, deploy-service redeploys every app); closed →
 * delete. The delivery id, the operation and the command commit together, so a redelivery finds its
 * delivery and starts nothing.
 */
@ApplicationScoped
public class PreviewService {

  private final CommandService commands;
  private final PreviewsConfig config;

  public PreviewService(CommandService commands, PreviewsConfig config) {
    this.commands = commands;
    this.config = config;
  }

  /** The preview's operation, and whether this delivery started it or was seen before. */
  public record Accepted(UUID operationId, boolean duplicate, String previewUrl) {}

  public Uni<Accepted> handle(
      String provider,
      String deliveryId,
      PullRequestEvent event,
      PreviewsConfig.Repository repository) {
    String url = previewUrl(event, repository);
    return Panache.withTransaction(
        () ->
            existing(deliveryId)
                .chain(
                    seen -> {
                      if (seen != null) {
                        return Uni.createFrom().item(new Accepted(seen, true, url));
                      }
                      return command(event, repository)
                          .call(op -> record(deliveryId, op, url))
                          .call(op -> comment(provider, event, op, url))
                          .map(op -> new Accepted(op.id, false, url));
                    }));
  }

  private Uni<Operation> command(PullRequestEvent event, PreviewsConfig.Repository repository) {
    String team = repository.team();
    Caller bot =
        new Caller(
            "git-webhook", "git:" + event.sender(), Map.of(team, Caller.Role.TECH_LEAD), false);
    if (event.action() == PullRequestEvent.Action.CLOSED) {
      return commands.deleteEnvironment(bot, team, event.environment());
    }
    return commands.cloneEnvironment(
        bot,
        team,
        repository.baseEnvironment(),
        event.environment(),
        EnvironmentKind.PREVIEW,
        overrides(event, repository));
  }

  /** The PR's image for the repository's app, and the preview's host. */
  static ObjectNode overrides(PullRequestEvent event, PreviewsConfig.Repository repository) {
    ObjectNode overrides = EventJson.mapper().createObjectNode();
    String image =
        repository
            .imageTemplate()
            .replace("{number}", Integer.toString(event.number()))
            .replace("{sha}", event.sha())
            .replace("{repository}", event.repository());
    overrides.putObject("images").put(repository.app(), image);
    overrides.put("replicas", 1);
    repository
        .hostTemplate()
        .ifPresent(
            h -> overrides.put("host", h.replace("{number}", Integer.toString(event.number()))));
    return overrides;
  }

  static String previewUrl(PullRequestEvent event, PreviewsConfig.Repository repository) {
    return repository
        .hostTemplate()
        .map(
            h ->
                "https://"
                    + h.replace("{number}", Integer.toString(event.number()))
                        .replace("{app}", repository.app()))
        .orElse(null);
  }

  /**
   * When the team has an API token for the git host, the preview's URL waits in the same
   * transaction to be posted on the pull request once the preview is up (PreviewComments).
   */
  private Uni<Void> comment(String provider, PullRequestEvent event, Operation op, String url) {
    var team = config.teams().get(op.team);
    if (url == null
        || op.type != dev.slipway.gateway.domain.OperationType.CLONE_ENVIRONMENT
        || team == null
        || team.apiToken(provider).isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    var comment = new PreviewComment();
    comment.operationId = op.id;
    comment.team = op.team;
    comment.provider = provider;
    comment.repository = event.repository();
    comment.number = event.number();
    comment.url = url;
    comment.nextAttemptAt = op.createdAt;
    return comment.persist().replaceWithVoid();
  }

  private static Uni<UUID> existing(String deliveryId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select operation_id from webhook_delivery where delivery_id = :id",
                        UUID.class)
                    .setParameter("id", deliveryId)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private static Uni<Void> record(String deliveryId, Operation op, String url) {
    if (url != null && op.type != dev.slipway.gateway.domain.OperationType.DELETE_ENVIRONMENT) {
      op.result = EventJson.mapper().createObjectNode().put("previewUrl", url).toString();
    }
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into webhook_delivery (delivery_id, operation_id, received_at)"
                            + " values (:id, :op, :now)")
                    .setParameter("id", deliveryId)
                    .setParameter("op", op.id)
                    .setParameter("now", Instant.now())
                    .executeUpdate())
        .replaceWithVoid();
  }
}
