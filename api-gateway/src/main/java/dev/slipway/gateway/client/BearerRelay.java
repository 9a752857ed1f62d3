package dev.slipway.gateway.client;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Relays the caller's verified bearer token to the service behind the gateway, which verifies it
 * again: services never act on an identity they did not check themselves.
 */
@ApplicationScoped
public class BearerRelay implements ClientRequestFilter {

  @Inject SecurityIdentity identity;

  @Override
  public void filter(ClientRequestContext request) {
    if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
      request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getRawToken());
    }
  }
}
