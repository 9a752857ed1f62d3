package dev.slipway.gateway.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Operation changes as they commit, for the SSE streams of clients following them. */
@ApplicationScoped
public class OperationUpdates {

  private final BroadcastProcessor<OperationView> changes = BroadcastProcessor.create();

  /** Serialized: results (KeyedLanes) and approvals publish from several threads at once. */
  public synchronized void publish(OperationView view) {
    changes.onNext(view);
  }

  public Multi<OperationView> of(UUID id) {
    return changes.select().where(view -> view.id().equals(id));
  }
}
