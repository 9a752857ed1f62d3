package dev.slipway.gateway.persistence;

import dev.slipway.kit.http.IdempotencyKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Commands sent with an {@code Idempotency-Key}. {@link #claim} runs first in the command's
 * transaction: a new key is bound to the new operation; a key already bound answers that operation
 * (a second request with the same key blocks on the key until the first commits or rolls back).
 */
public final class CommandKeys {

  private CommandKeys() {}

  /**
   * Binds {@code key} of the operation's requester to {@code operation}: empty when the key is new
   * (go on and accept it), or the operation the same command made before.
   */
  public static Uni<Optional<Operation>> claim(String key, Operation operation) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into command_key (requested_by, idempotency_key, operation_id,"
                            + " type, team, environment, target) values (:by, :key, :id, :type,"
                            + " :team, :env, :target) on conflict do nothing")
                    .setParameter("by", operation.requestedBy)
                    .setParameter("key", key)
                    .setParameter("id", operation.id)
                    .setParameter("type", operation.type.name())
                    .setParameter("team", operation.team)
                    .setParameter("env", operation.environment)
                    .setParameter("target", operation.target)
                    .executeUpdate()
                    .chain(
                        inserted ->
                            inserted == 1
                                ? Uni.createFrom().item(Optional.<Operation>empty())
                                : earlier(session, key, operation)));
  }

  private static Uni<Optional<Operation>> earlier(
      Mutiny.Session session, String key, Operation operation) {
    return session
        .createNativeQuery(
            "select cast(operation_id as text), type, team, environment, target from command_key"
                + " where requested_by = :by and idempotency_key = :key",
            Object[].class)
        .setParameter("by", operation.requestedBy)
        .setParameter("key", key)
        .getResultList()
        .chain(
            rows -> {
              if (rows.isEmpty() || !sameCommand(rows.get(0), operation)) {
                return Uni.createFrom().failure(IdempotencyKey.reused("command"));
              }
              return Operation.<Operation>findById(
                      java.util.UUID.fromString((String) rows.get(0)[0]))
                  .map(Optional::of);
            });
  }

  private static boolean sameCommand(Object[] row, Operation operation) {
    return operation.type.name().equals(row[1])
        && operation.team.equals(row[2])
        && operation.environment.equals(row[3])
        && operation.target.equals(row[4]);
  }
}
