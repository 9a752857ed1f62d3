package dev.slipway.gateway.rest;

import dev.slipway.gateway.domain.AccessPolicy;
import dev.slipway.gateway.service.AccessContext;
import dev.slipway.gateway.service.AccessControl;
import dev.slipway.gateway.service.RateLimits;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The one door: every JAX-RS route of the gateway is looked up in the access policy by verb and
 * path template, and checked (identity, team, environment, role) before its resource runs. A route
 * missing from the policy is refused: the policy is the list of what may be done.
 */
public class AccessFilter {

  private static final Logger LOG = Logger.getLogger(AccessFilter.class);

  private final Map<Method, String> templates = new ConcurrentHashMap<>();
  private final AccessControl control;
  private final AccessContext access;
  private final CurrentCaller caller;
  private final CurrentIdentityAssociation identities;

  /**
   * AccessLayerBench measures the same route with and without this layer, alternating, by setting
   * this system property. Read only in Quarkus's test launch mode: nothing can switch access
   * control off in a built gateway.
   */
  public static final String BENCH_WITHOUT = "slipway.bench.without-access-layer";

  private final boolean benchable = LaunchMode.current() == LaunchMode.TEST;
  private final RateLimits rateLimits;

  public AccessFilter(
      RateLimits rateLimits,
      AccessControl control,
      AccessContext access,
      CurrentCaller caller,
      CurrentIdentityAssociation identities) {
    this.rateLimits = rateLimits;
    this.control = control;
    this.access = access;
    this.caller = caller;
    this.identities = identities;
  }

  // nonBlocking: on the event loop even before a @Blocking resource (logs/follow), where the
  // reactive database session that records a denial is available.
  @ServerRequestFilter(priority = Priorities.AUTHORIZATION, nonBlocking = true)
  public void authorize(
      ResteasyReactiveContainerRequestContext request, ResourceInfo info, RoutingContext http) {
    Method method = info.getResourceMethod();
    if (method == null || benchable && Boolean.getBoolean(BENCH_WITHOUT)) {
      return;
    }
    String template = templates.computeIfAbsent(method, m -> template(info.getResourceClass(), m));
    String verb = request.getMethod();
    AccessPolicy.Route route = control.policy().route(verb, template).orElse(null);
    if (route == null) {
      LOG.errorf("no access rule for %s %s: refused", verb, template);
      throw ProblemException.forbidden("No access rule covers this route.");
    }
    if (route.scope() == AccessPolicy.Scope.PUBLIC) {
      return;
    }
    var params = request.getUriInfo().getPathParameters();
    String path = request.getUriInfo().getPath();
    String team = params.getFirst("team");
    String env = params.getFirst("env");
    // With proactive authentication the verified identity is on the routing context already: the
    // common request (a member, an environment whose kind is cached, an allowed action) is decided
    // here without a Uni, whose operators and context propagation cost more than the policy
    // (AccessLayerBench). Anything else (no identity yet, a lookup, a denial to record) suspends
    // the request for the asynchronous path.
    if (http.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
      Caller who = caller.of(user.getSecurityIdentity());
      long wait = rateLimits.retryAfter(who, team);
      if (wait > 0) {
        request.abortWith(tooManyRequests(path, wait));
        return;
      }
      if (control.allowsAtOnce(access, route, who, team, env, verb, path)) {
        return;
      }
      resumeAfter(request, control.check(access, route, who, team, env, verb, path));
      return;
    }
    resumeAfter(
        request,
        identities
            .getDeferredIdentity()
            .chain(
                identity -> {
                  if (identity.isAnonymous()) {
                    return Uni.createFrom().failure(new UnauthorizedException());
                  }
                  Caller who = caller.get();
                  long wait = rateLimits.retryAfter(who, team);
                  if (wait > 0) {
                    return Uni.createFrom().item(tooManyRequests(path, wait));
                  }
                  return control
                      .check(access, route, who, team, env, verb, path)
                      .replaceWith((Response) null);
                }));
  }

  /** Holds the request until {@code answer} settles: a response ends it, null lets it go on. */
  private static void resumeAfter(ResteasyReactiveContainerRequestContext request, Uni<?> answer) {
    request.suspend();
    answer
        .subscribe()
        .with(
            result -> {
              if (result instanceof Response response) {
                request.abortWith(response);
              } else {
                request.resume();
              }
            },
            request::resume);
  }

  private static Response tooManyRequests(String path, long wait) {
    Problem problem =
        Problem.of(
                429,
                "Too many requests",
                "Rate limit reached for you or your team; retry in " + wait + " s.")
            .withInstance(path);
    return Response.status(429)
        .type(Problem.MEDIA_TYPE)
        .entity(problem)
        .header("Retry-After", Long.toString(wait))
        .build();
  }

  /** The route's template as the policy names it: class and method {@code @Path} joined. */
  static String template(Class<?> resource, Method method) {
    StringBuilder path = new StringBuilder();
    Path classPath = resource.getAnnotation(Path.class);
    if (classPath != null) {
      path.append('/').append(trim(classPath.value()));
    }
    Path methodPath = method.getAnnotation(Path.class);
    if (methodPath != null && !trim(methodPath.value()).isEmpty()) {
      path.append('/').append(trim(methodPath.value()));
    }
    return path.toString();
  }

  private static String trim(String segment) {
    String s = segment;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
