package dev.slipway.gateway.service;

import dev.slipway.gateway.config.BuildsConfig;
import dev.slipway.gateway.domain.PushEvent;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a verified push to a repository's configured branch into a build of its app. The delivery
 * id, the operation and the BuildRequested commit together (table {@code webhook_delivery}, as for
 * previews), so a redelivered push answers the first operation and starts nothing.
 */
@ApplicationScoped
public class BuildTriggers {

  private final CommandService commands;

  public BuildTriggers(CommandService commands) {
    this.commands = commands;
  }

  /** The build's operation, and whether this delivery started it or was seen before. */
  public record Accepted(UUID operationId, boolean duplicate) {}

  /**
   * The environment's kind is not asked here: a webhook has no caller token to ask
   * environment-service with. deploy-service takes the kind the app was built with and refuses
   * builds into production from a push.
   */
  public Uni<Accepted> handle(String deliveryId, PushEvent push, BuildsConfig.Trigger trigger) {
    String team = trigger.team();
    return Panache.withTransaction(
        () ->
            existing(deliveryId)
                .chain(
                    seen ->
                        seen != null
                            ? Uni.createFrom().item(new Accepted(seen, true))
                            : commands
                                .build(
                                    bot(push, team),
                                    team,
                                    trigger.environment(),
                                    null,
                                    trigger.app(),
                                    push.branch(),
                                    push.commit())
                                .call(op -> record(deliveryId, op))
                                .map(op -> new Accepted(op.id, false))));
  }

  private static Caller bot(PushEvent push, String team) {
    return new Caller(
        "git-webhook", "git:" + push.sender(), Map.of(team, Caller.Role.DEVELOPER), false);
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

  private static Uni<Void> record(String deliveryId, Operation op) {
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
