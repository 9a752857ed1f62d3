package dev.slipway.gateway.rest;

import dev.slipway.gateway.persistence.Operation;
import dev.slipway.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An SSE answer commits its 200 head before the stream's first item, so a missing or foreign
 * operation found inside the stream could only break the connection. The lookup runs here instead,
 * before the resource, and answers 404 problem+json like the plain GET. Bound by name to the stream
 * only ({@link ExistingOperation}).
 */
public class OperationStreamGuard {

  private final CurrentCaller caller;

  public OperationStreamGuard(CurrentCaller caller) {
    this.caller = caller;
  }

  @ExistingOperation
  @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
  public Uni<Response> operationExists(ContainerRequestContext request) {
    String id = request.getUriInfo().getPathParameters().getFirst("id");
    return Operation.visibleTo(caller.get(), id).replaceWith((Response) null);
  }
}
