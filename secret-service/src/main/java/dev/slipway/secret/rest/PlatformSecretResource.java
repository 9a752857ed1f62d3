package dev.slipway.secret.rest;

import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import dev.slipway.secret.service.SecretService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Platform-admin operations on the secret store as a whole. */
@Path("/api/v1/platform/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PlatformSecretResource {

  private final CurrentCaller caller;
  private final SecretService secrets;

  public PlatformSecretResource(CurrentCaller caller, SecretService secrets) {
    this.caller = caller;
    this.secrets = secrets;
  }

  /**
   * After a master-key change (new key in {@code slipway.secrets.master-key}, old one in {@code
   * previous-master-keys}), re-wraps every data key under the new key; the old key can then go.
   */
  @POST
  @Path("rewrap")
  public Uni<Map<String, Object>> rewrap() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins may re-wrap data keys.");
    }
    return secrets.rewrap().map(count -> Map.of("rewrapped", count));
  }
}
