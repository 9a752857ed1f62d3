package dev.slipway.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The processed-events log that makes consumers idempotent: an event's effect and its id commit in
 * one transaction, so a redelivered event finds its id and does nothing.
 */
@ApplicationScoped
public class Inbox {

  /**
   * Records the event as processed by {@code consumer}; call it inside the effect's transaction.
   * Answers false when it was processed before (the caller then skips the effect).
   */
  public Uni<Boolean> claim(String consumer, String eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (:consumer, :id)"
                            + " on conflict do nothing")
                    .setParameter("consumer", consumer)
                    .setParameter("id", eventId)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /** A cheap check before slow work outside the transaction (such as a Kubernetes apply). */
  public Uni<Boolean> seen(String consumer, String eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from processed_event where consumer = :consumer and event_id = :id",
                        Long.class)
                    .setParameter("consumer", consumer)
                    .setParameter("id", eventId)
                    .getSingleResult())
        .map(count -> count > 0);
  }

  /** Runs {@code effect} once per event id, in one transaction with the record of it. */
  public Uni<Void> once(
      String consumer, String eventId, java.util.function.Supplier<Uni<Void>> effect) {
    return Panache.withTransaction(
        () ->
            claim(consumer, eventId)
                .chain(fresh -> fresh ? effect.get() : Uni.createFrom().voidItem()));
  }
}
