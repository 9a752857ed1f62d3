package dev.slipway.gateway.rest;

import dev.slipway.gateway.client.SecretServiceClient;
import dev.slipway.gateway.client.Upstream;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
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

  private final CurrentCaller caller;
  private final SecretServiceClient secrets;

  public PlatformSecretResource(CurrentCaller caller, @RestClient SecretServiceClient secrets) {
    this.caller = caller;
    this.secrets = secrets;
  }

  @POST
  @Path("rewrap")
  public Uni<Response> rewrap() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins may re-wrap data keys.");
    }
    return Upstream.relay("secret-service", secrets.rewrap());
  }
}
