package dev.slipway.kit.inbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Lets one consumer handle records of different keys at the same time, while the records of one key
 * are handled one after another in the order they arrived: per-key order is what Kafka's
 * partitioning promises, and all Slipway relies on (ADR 0022).
 *
 * <p>A consumer method returns {@link #submit}: it answers as soon as the consumer may take the
 * next record (fewer than {@code limit} records in flight), and the handling acknowledges its
 * record when it ends. Kafka's throttled commit strategy commits an offset only when every record
 * before it is acknowledged, so a crash redelivers what was in flight, and the inbox drops what was
 * done.
 *
 * <p>Each record runs on a new duplicated Vert.x context of its own: Hibernate Reactive keeps its
 * session in the context, and two records must never share one.
 */
public final class KeyedLanes {

  private final Vertx vertx;
  private final int limit;
  private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
  private int inFlight;
  private CompletableFuture<Void> admission;

  public KeyedLanes(Vertx vertx, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one record in flight, not " + limit);
    }
    this.vertx = vertx;
    this.limit = limit;
  }

  /**
   * Queues {@code handling} behind the records of the same key; answers when the consumer may take
   * the next record. {@code handling} must acknowledge or reject the record itself, as {@link
   * EventHandling#handle} does.
   */
  public Uni<Void> submit(Message<?> message, Supplier<Uni<Void>> handling) {
    return submit(keyOf(message), handling);
  }

  /** As {@link #submit(Message, Supplier)}, for a record whose key is {@code key}. */
  public Uni<Void> submit(String key, Supplier<Uni<Void>> handling) {
    Context caller = vertx.getOrCreateContext();
    Context own = VertxContext.createNewDuplicatedContext(caller);
    VertxContextSafetyToggle.setContextSafe(own, true);
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> previous;
    CompletableFuture<Void> admitted;
    synchronized (this) {
      previous = tails.put(key, done);
      inFlight++;
      admitted = inFlight < limit ? null : (admission = new CompletableFuture<>());
    }
    Runnable start =
        () ->
            own.runOnContext(
                ignored ->
                    Uni.createFrom()
                        .deferred(() -> handling.get())
                        .subscribe()
                        .with(ok -> finished(key, done), failure -> finished(key, done)));
    if (previous == null) {
      start.run();
    } else {
      previous.whenComplete((ok, failure) -> start.run());
    }
    if (admitted == null) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .completionStage(admitted)
        .emitOn(resume -> caller.runOnContext(ignored -> resume.run()));
  }

  /** Records in flight now (queued behind their key or running). */
  public synchronized int inFlight() {
    return inFlight;
  }

  private void finished(String key, CompletableFuture<Void> done) {
    CompletableFuture<Void> wake = null;
    synchronized (this) {
      tails.remove(key, done);
      inFlight--;
      if (admission != null && inFlight < limit) {
        wake = admission;
        admission = null;
      }
    }
    done.complete(null);
    if (wake != null) {
      wake.complete(null);
    }
  }

  /** The Kafka record key; records without one share a lane. */
  static String keyOf(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(kafka -> kafka.getKey() == null ? "" : String.valueOf(kafka.getKey()))
        .orElse("");
  }
}
