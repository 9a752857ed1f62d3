package dev.slipway.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, read once per request from the token's group claim. By default
 * groups look like {@code /teams/payments/developer}, {@code /teams/payments/tech-lead} and {@code
 * /platform-admin} (Keycloak group paths); the claim's name and the group patterns are configurable
 * for other providers ({@code slipway.auth.*}, see {@link CallerReader} and {@link GroupMapping}).
 */
@RequestScoped
public class CurrentCaller {

  private final SecurityIdentity identity;
  private final CallerReader reader;

  private Caller caller;

  public CurrentCaller(SecurityIdentity identity, CallerReader reader) {
    this.identity = identity;
    this.reader = reader;
  }

  /** The caller of the current request. */
  public Caller get() {
    if (caller == null) {
      caller = reader.read(identity);
    }
    return caller;
  }

  /**
   * The caller of the current request, read from an identity the code already holds, and remembered
   * for {@link #get()}. For code on the event loop before the request's deferred identity has been
   * awaited (api-gateway's access filter takes it from the routing context under proactive
   * authentication), where the injected identity must not be touched: resolving it there would
   * block.
   */
  public Caller of(SecurityIdentity identity) {
    if (caller == null) {
      caller = reader.read(identity);
    }
    return caller;
  }
}
