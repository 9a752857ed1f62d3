package dev.slipway.secret.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.events.EventJson;
import dev.slipway.kit.http.IdempotencyKey;
import dev.slipway.secret.service.SecretView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Secret changes sent with an {@code Idempotency-Key}. Every call runs inside the change's
 * transaction: {@link #claim} inserts the key first, so a second request with the same key blocks
 * on the unique key until the first commits (then it replays that answer) or rolls back (then it
 * does the change itself). The request body is not fingerprinted: it carries values, and a hash of
 * a value is a guessing oracle; a key reused for another operation, secret or caller is refused.
 */
public final class IdempotentRequests {

  /** A change as the key binds it. */
  public record Request(
      String team, String environment, String key, String operation, String secret, String actor) {}

  private IdempotentRequests() {}

  /**
   * Claims the key for this request: empty when it is new (do the change, then {@link #answer}), or
   * the answer recorded for the same request before.
   */
  public static Uni<Optional<SecretView>> claim(Request request) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into secret_request (team, environment, idempotency_key,"
                            + " operation, secret, actor) values (:team, :env, :key, :op,"
                            + " :secret, :actor) on conflict do nothing")
                    .setParameter("team", request.team())
                    .setParameter("env", request.environment())
                    .setParameter("key", request.key())
                    .setParameter("op", request.operation())
                    .setParameter("secret", request.secret())
                    .setParameter("actor", request.actor())
                    .executeUpdate()
                    .chain(
                        inserted ->
                            inserted == 1
                                ? Uni.createFrom().item(Optional.<SecretView>empty())
                                : recorded(session, request)));
  }

  /** Records the answer of a claimed request, in the change's transaction. */
  public static Uni<Void> answer(Request request, SecretView view) {
    String json;
    try {
      json = EventJson.mapper().writeValueAsString(view);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update secret_request set answer = :answer where team = :team and"
                            + " environment = :env and idempotency_key = :key")
                    .setParameter("answer", json)
                    .setParameter("team", request.team())
                    .setParameter("env", request.environment())
                    .setParameter("key", request.key())
                    .executeUpdate())
        .replaceWithVoid();
  }

  private static Uni<Optional<SecretView>> recorded(
      org.hibernate.reactive.mutiny.Mutiny.Session session, Request request) {
    return session
        .createNativeQuery(
            "select operation, secret, actor, answer from secret_request where team = :team and"
                + " environment = :env and idempotency_key = :key",
            Object[].class)
        .setParameter("team", request.team())
        .setParameter("env", request.environment())
        .setParameter("key", request.key())
        .getResultList()
        .map(rows -> replay(request, rows));
  }

  private static Optional<SecretView> replay(Request request, List<Object[]> rows) {
    if (rows.isEmpty()) {
      // Pruned between the insert and the select: a day-old key; treat as in use.
      throw IdempotencyKey.reused("change");
    }
    Object[] row = rows.get(0);
    if (!request.operation().equals(row[0])
        || !request.secret().equals(row[1])
        || !request.actor().equals(row[2])) {
      throw IdempotencyKey.reused("change");
    }
    try {
      return Optional.of(EventJson.mapper().readValue((String) row[3], SecretView.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable recorded answer for an Idempotency-Key", e);
    }
  }
}
