package dev.slipway.gateway.rest;

import dev.slipway.gateway.service.ApprovalService;
import dev.slipway.gateway.service.ApprovalView;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Approval requests of gated actions (docs/access.md): the pending ones the caller may decide, and
 * approve or reject. A tech lead of the request's team or a platform admin decides, never the
 * requester (403); another team's request is 404; a decided or expired one 409.
 */
@Path("/api/v1/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

  private final CurrentCaller caller;
  private final ApprovalService approvals;

  public ApprovalResource(CurrentCaller caller, ApprovalService approvals) {
    this.caller = caller;
    this.approvals = approvals;
  }

  @GET
  public Uni<List<ApprovalView>> pending() {
    return approvals.pending(caller.get());
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.WILDCARD)
  public Uni<ApprovalView> approve(@PathParam("id") String id, String body) {
    return approvals.decide(caller.get(), id, true, reason(body), "api");
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.WILDCARD)
  public Uni<ApprovalView> reject(@PathParam("id") String id, String body) {
    return approvals.decide(caller.get(), id, false, reason(body), "api");
  }

  /** The body is optional ({@code {"reason": "..."}}), so no Content-Type is required. */
  private static String reason(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      var reason = dev.slipway.events.EventJson.mapper().readTree(body).path("reason");
      return reason.isTextual() ? reason.asText() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw dev.slipway.kit.problem.ProblemException.invalid(
          java.util.List.of(new dev.slipway.events.FieldError("$", "is not valid JSON")));
    }
  }
}
