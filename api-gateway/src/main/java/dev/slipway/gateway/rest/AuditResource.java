package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.AuditServiceClient;
import dev.slipway.gateway.client.Upstream;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail, from audit-service, which filters it to the caller's teams. */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final AuditServiceClient audit;

  public AuditResource(@RestClient AuditServiceClient audit) {
    this.audit = audit;
  }

  @GET
  public Uni<Response> query(
      @RestQuery String operationId,
      @RestQuery String team,
      @RestQuery String environment,
      @RestQuery String app,
      @RestQuery String type,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery Integer limit,
      @RestQuery String cursor) {
    return Upstream.relay(
        "audit-service",
        audit.query(operationId, team, environment, app, type, since, until, limit, cursor));
  }

  @GET
  @Path("verify")
  public Uni<Response> verify() {
    return Upstream.relay("audit-service", audit.verify());
  }

  @GET
  @Path("timeline")
  public Uni<Response> timeline(
      @RestQuery String team,
      @RestQuery String environment,
      @RestQuery String since,
      @RestQuery String until) {
    return Upstream.relay("audit-service", audit.timeline(team, environment, since, until));
  }

  @GET
  @Path("checkpoints")
  public Uni<Response> checkpoints(@RestQuery Integer limit, @RestQuery String cursor) {
    return Upstream.relay("audit-service", audit.checkpoints(limit, cursor));
  }

  @GET
  @Path("checkpoints/public-key")
  public Uni<Response> checkpointPublicKey() {
    return Upstream.relay("audit-service", audit.checkpointPublicKey());
  }
}
