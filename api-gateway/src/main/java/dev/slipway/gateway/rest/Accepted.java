package dev.slipway.gateway.rest;

import dev.slipway.gateway.persistence.Operation;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** The answer to every command: 202, the operation's id, and where to follow it. */
public record Accepted(UUID operationId, String statusUrl) {

  static Response of(Operation operation) {
    String url = "/api/v1/operations/" + operation.id;
    return Response.accepted(new Accepted(operation.id, url)).location(URI.create(url)).build();
  }
}
