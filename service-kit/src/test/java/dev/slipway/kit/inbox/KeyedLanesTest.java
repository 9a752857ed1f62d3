package dev.slipway.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void recordsOfOneKeyRunOneAtATimeInArrivalOrder() {
    var lanes = new KeyedLanes(vertx, 8);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    for (int i = 0; i < 5; i++) {
      String name = "r" + i;
      lanes
          .submit(
              "team/dev/app",
              () -> {
                overlapped.compareAndSet(false, running.incrementAndGet() > 1);
                events.add(name);
                return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(Duration.ofMillis(20))
                    .invoke(running::decrementAndGet);
              })
          .await()
          .atMost(Duration.ofSeconds(5));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> lanes.inFlight() == 0);
    assertThat(events).containsExactly("r0", "r1", "r2", "r3", "r4");
    assertThat(overlapped).isFalse();
  }

  @Test
  void recordsOfDifferentKeysRunAtTheSameTimeEachOnItsOwnContext() {
    var lanes = new KeyedLanes(vertx, 8);
    var release = new CompletableFuture<Void>();
    Set<Context> contexts = ConcurrentHashMap.newKeySet();
    for (String key : List.of("a", "b", "c")) {
      lanes.submit(
          key,
          () -> {
            contexts.add(Vertx.currentContext());
            return Uni.createFrom().completionStage(release);
          });
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> contexts.size() == 3);
    assertThat(lanes.inFlight()).isEqualTo(3);
    release.complete(null);
    await().atMost(Duration.ofSeconds(5)).until(() -> lanes.inFlight() == 0);
  }

  @Test
  void theNextRecordWaitsWhileTheLimitIsInFlight() {
    var lanes = new KeyedLanes(vertx, 2);
    var release = new CompletableFuture<Void>();
    lanes.submit("a", () -> Uni.createFrom().completionStage(release)).await().indefinitely();
    var second =
        lanes
            .submit("b", () -> Uni.createFrom().completionStage(release))
            .subscribeAsCompletionStage();

    assertThat(second).as("two in flight: the consumer waits").isNotDone();
    release.complete(null);
    await().atMost(Duration.ofSeconds(5)).until(second::isDone);
  }

  @Test
  void aFailedHandlingFreesItsLane() {
    var lanes = new KeyedLanes(vertx, 4);
    AtomicBoolean ranAfter = new AtomicBoolean();
    lanes.submit("a", () -> Uni.createFrom().failure(new IllegalStateException("boom")));
    lanes.submit(
        "a",
        () -> {
          ranAfter.set(true);
          return Uni.createFrom().voidItem();
        });
    await().atMost(Duration.ofSeconds(5)).untilTrue(ranAfter);
  }
}
