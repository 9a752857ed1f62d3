package dev.slipway.kit.reactive;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs blocking work (the fabric8 client) on a worker thread and resumes on the caller's Vert.x
 * context, where Hibernate Reactive sessions must stay.
 */
@ApplicationScoped
public class BlockingCalls {

  private final Vertx vertx;

  public BlockingCalls(Vertx vertx) {
    this.vertx = vertx;
  }

  public <T> Uni<T> call(Supplier<T> work) {
    return vertx.executeBlocking(Uni.createFrom().item(work), false);
  }
}
