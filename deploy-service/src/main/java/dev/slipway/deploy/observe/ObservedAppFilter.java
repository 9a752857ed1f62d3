package dev.slipway.deploy.observe;

import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The ownership check of {@link ObservabilityResource}, before its methods run: an SSE stream
 * cannot turn into a 404 once it has started, so the app is checked (and remembered in {@link
 * CurrentApp}) while the answer can still be a problem.
 */
public class ObservedAppFilter {

  private final ObservedApps apps;
  private final CurrentCaller caller;
  private final CurrentApp current;
  private final CurrentIdentityAssociation identities;

  public ObservedAppFilter(
      ObservedApps apps,
      CurrentCaller caller,
      CurrentApp current,
      CurrentIdentityAssociation identities) {
    this.apps = apps;
    this.caller = caller;
    this.current = current;
    this.identities = identities;
  }

  @ServerRequestFilter(priority = Priorities.AUTHORIZATION, nonBlocking = true)
  public Uni<Void> requireApp(ContainerRequestContext request, ResourceInfo info) {
    if (info.getResourceClass() != ObservabilityResource.class) {
      return Uni.createFrom().voidItem();
    }
    var params = request.getUriInfo().getPathParameters();
    return identities
        .getDeferredIdentity()
        .chain(
            identity -> {
              if (identity.isAnonymous()) {
                return Uni.createFrom().failure(new UnauthorizedException());
              }
              return apps.require(
                  caller.get(),
                  params.getFirst("team"),
                  params.getFirst("env"),
                  params.getFirst("app"));
            })
        .invoke(current::set)
        .replaceWithVoid();
  }
}
