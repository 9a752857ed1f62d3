package dev.slipway.gateway.rest;

import dev.slipway.gateway.service.CommandService;
import dev.slipway.kit.http.IdempotencyKey;
import io.smallrye.common.vertx.ContextLocals;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads a change's {@code Idempotency-Key} once (a malformed one is a 400) and leaves it on the
 * request's Vert.x context for {@link CommandService}, which also serves Kafka and webhooks, where
 * there is no such header.
 */
public class IdempotencyKeyFilter {

  @ServerRequestFilter(priority = Priorities.USER)
  void read(ContainerRequestContext request) {
    String header = request.getHeaderString(IdempotencyKey.HEADER);
    if (header != null && !"GET".equals(request.getMethod())) {
      IdempotencyKey.parse(header)
          .ifPresent(key -> ContextLocals.put(CommandService.IDEMPOTENCY_KEY, key));
    }
  }
}
