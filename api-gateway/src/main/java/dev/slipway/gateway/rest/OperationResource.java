package dev.slipway.gateway.rest;

import dev.slipway.gateway.persistence.Operation;
import dev.slipway.gateway.service.OperationUpdates;
import dev.slipway.gateway.service.OperationView;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Clients follow their commands here: poll the operation, or stream its changes (SSE). */
@Path("/api/v1/operations/{id}")
@Authenticated
public class OperationResource {

  private final CurrentCaller caller;
  private final OperationUpdates updates;

  public OperationResource(CurrentCaller caller, OperationUpdates updates) {
    this.caller = caller;
    this.updates = updates;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<OperationView> get(@PathParam("id") String id) {
    return Operation.visibleTo(caller.get(), id).map(OperationView::of);
  }

  /**
   * The operation's current state, then each change, ending with the terminal state. Subscribes to
   * changes before reading the current state, so no change falls between the two.
   */
  @GET
  @Path("events")
  @ExistingOperation
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<OperationView> events(@PathParam("id") String id) {
    Caller who = caller.get();
    // OperationStreamGuard answered 404 for a missing or foreign operation before this runs.
    Multi<OperationView> changes = updates.of(UUID.fromString(id));
    return Multi.createBy()
        .merging()
        .streams(Operation.visibleTo(who, id).map(OperationView::of).toMulti(), changes)
        .select()
        .first(view -> !view.state().terminal())
        .onCompletion()
        .switchTo(() -> Operation.visibleTo(who, id).map(OperationView::of).toMulti());
  }
}
