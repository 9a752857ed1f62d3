package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.SecretServiceClient;
import dev.slipway.gateway.client.Upstream;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Platform-admin operations on the secret store: re-wrap data keys after a master-key change. */
@Path("/api/v1/platform/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PlatformSecretResource {

  private final SecretServiceClient secrets;

  /** Platform admins only: policy action {@code platform.manage}, checked by the access filter. */
  public PlatformSecretResource(@RestClient SecretServiceClient secrets) {
    this.secrets = secrets;
  }

  @POST
  @Path("rewrap")
  public Uni<Response> rewrap() {
    return Upstream.relay("secret-service", secrets.rewrap());
  }
}
