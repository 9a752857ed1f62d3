package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.CostBillUpload;
import dev.slipway.gateway.client.CostServiceClient;
import dev.slipway.gateway.client.DeployServiceClient;
import dev.slipway.gateway.client.Upstream;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Golden paths and guard rails (platform admins only: policy action {@code platform.manage}), owned
 * by deploy-service. The access filter answers 403 so a non-admin's request never travels further;
 * deploy-service checks again.
 */
@Path("/api/v1/platform")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PlatformResource {

  private final DeployServiceClient deployService;
  private final CostServiceClient costs;
  private final CostBillUpload bills;

  public PlatformResource(
      @RestClient DeployServiceClient deployService,
      @RestClient CostServiceClient costs,
      CostBillUpload bills) {
    this.deployService = deployService;
    this.costs = costs;
    this.bills = bills;
  }

  @GET
  @Path("golden-paths")
  public Uni<Response> goldenPaths() {
    return Upstream.relay("deploy-service", deployService.goldenPaths());
  }

  @GET
  @Path("golden-paths/{name}")
  public Uni<Response> goldenPath(
      @PathParam("name") String name, @QueryParam("version") Integer version) {
    return Upstream.relay("deploy-service", deployService.goldenPath(name, version));
  }

  @PUT
  @Path("golden-paths/{name}")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Uni<Response> putGoldenPath(
      @PathParam("name") String name,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    return Upstream.relay("deploy-service", deployService.putGoldenPath(name, contentType, body));
  }

  @GET
  @Path("guard-rails")
  public Uni<Response> guardRails() {
    return Upstream.relay("deploy-service", deployService.guardRails());
  }

  @PUT
  @Path("guard-rails")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Uni<Response> putGuardRails(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
    return Upstream.relay("deploy-service", deployService.putGuardRails(contentType, body));
  }

  // Prices and platform costs, owned by cost-service. Here rather than in CostResource: JAX-RS
  // matches /api/v1/platform/... to this class first, so they were unreachable there.
  @GET
  @Path("prices")
  public Uni<Response> prices() {
    return Upstream.relay("cost-service", costs.prices());
  }

  @PUT
  @Path("prices")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> setPrices(String body) {
    return Upstream.relay("cost-service", costs.setPrices(body));
  }

  @GET
  @Path("costs")
  public Uni<Response> platformCosts(@RestQuery String from, @RestQuery String to) {
    return Upstream.relay("cost-service", costs.platformCosts(from, to));
  }

  /**
   * A cloud bill (AWS CUR or GCP billing export), streamed to cost-service as it arrives: the one
   * route with the larger body limit ({@code slipway.limits.bill-max-body-size}, 413 past it).
   */
  @POST
  @Path("costs/bills/{provider}")
  @Blocking
  @Consumes({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON, "application/gzip"})
  public Response importBill(
      @PathParam("provider") String provider,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    return bills.upload(provider, contentType, body);
  }

  @GET
  @Path("costs/reconciliation")
  public Uni<Response> reconciliation(@RestQuery String from, @RestQuery String to) {
    return Upstream.relay("cost-service", costs.reconciliation(from, to));
  }
}
