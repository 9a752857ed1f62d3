package dev.slipway.gateway.service;

import dev.slipway.events.AccessDenied;
import dev.slipway.events.Actor;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.gateway.domain.AccessPolicy;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies the {@link AccessPolicy} to one request: team membership (404 for another team's objects,
 * exactly as for missing ones), the environment's existence and kind, then the role's decision.
 * Every denial is published as {@link AccessDenied} on {@code slipway.approval} (through the
 * outbox) for audit-service; nothing else happens for a denied request.
 */
@ApplicationScoped
public class AccessControl {

  private static final Logger LOG = Logger.getLogger(AccessControl.class);

  private final AccessPolicy policy = AccessPolicy.load();
  private final EnvironmentLookup environments;
  private final Outbox outbox;

  public AccessControl(EnvironmentLookup environments, Outbox outbox) {
    this.environments = environments;
    this.outbox = outbox;
  }

  public AccessPolicy policy() {
    return policy;
  }

  /**
   * The synchronous path of {@link #check}: true when the request may go on, decided without
   * waiting for anything (the caller is in the team, the environment's kind is already known and
   * the policy does not deny); {@code access} is then filled for the resource. False when only
   * {@link #check} can answer: the kind must be asked for, or a denial must be recorded.
   */
  public boolean allowsAtOnce(
      AccessContext access,
      AccessPolicy.Route route,
      Caller caller,
      String team,
      String env,
      String method,
      String path) {
    if (team != null && !caller.canSee(team)) {
      return false;
    }
    EnvironmentKind kind = null;
    if (route.scope() == AccessPolicy.Scope.ENVIRONMENT) {
      kind = environments.knownKind(team, env);
      if (kind == null) {
        return false;
      }
    }
    AccessPolicy.Decision decision =
        route.kind() == AccessPolicy.KindSource.BODY
            ? AccessPolicy.Decision.ALLOW
            : policy.decide(route.action(), caller, team, kind);
    if (decision == AccessPolicy.Decision.DENY) {
      return false;
    }
    access.set(route, caller, team, env, method, path);
    access.kind(kind);
    access.decision(decision);
    return true;
  }

  /**
   * Checks a request to {@code route}; fills {@code access} for the resource. Fails with a
   * ProblemException (404 or 403) when the caller may not go on.
   */
  public Uni<Void> check(
      AccessContext access,
      AccessPolicy.Route route,
      Caller caller,
      String team,
      String env,
      String method,
      String path) {
    access.set(route, caller, team, env, method, path);
    if (team != null && !caller.canSee(team)) {
      String what = env == null ? "Team " + team : "Environment " + team + "/" + env;
      return deny(access, method, path, 404, "not a member of the team", notFound(what));
    }
    Uni<EnvironmentKind> kind =
        route.scope() == AccessPolicy.Scope.ENVIRONMENT
            ? environments.kind(team, env)
            : Uni.createFrom().nullItem();
    return kind.chain(
        k -> {
          access.kind(k);
          if (route.kind() == AccessPolicy.KindSource.BODY) {
            // The resource asks again with the kind from the body (authorizeKind).
            access.decision(AccessPolicy.Decision.ALLOW);
            return Uni.createFrom().voidItem();
          }
          return decide(access, k, method, path);
        });
  }

  /** For routes whose body names the environment kind that decides (create, clone). */
  public Uni<Void> authorizeKind(AccessContext access, EnvironmentKind kind) {
    return decide(access, kind, access.method(), access.path());
  }

  private Uni<Void> decide(AccessContext access, EnvironmentKind kind, String method, String path) {
    AccessPolicy.Rule rule = policy.rule(access.route().action());
    AccessPolicy.Decision decision =
        policy.decide(rule.action(), access.caller(), access.team(), kind);
    access.decision(decision);
    if (decision == AccessPolicy.Decision.DENY) {
      return deny(
          access, method, path, 403, rule.reason(), ProblemException.forbidden(rule.reason()));
    }
    return Uni.createFrom().voidItem();
  }

  private static ProblemException notFound(String what) {
    return ProblemException.notFound(what);
  }

  private Uni<Void> deny(
      AccessContext access,
      String method,
      String path,
      int status,
      String reason,
      ProblemException answer) {
    return audit(
            access.caller(),
            access.team(),
            access.environment(),
            access.route().action(),
            method,
            path,
            status,
            reason)
        .chain(() -> Uni.createFrom().failure(answer));
  }

  /**
   * Records a denial (AccessDenied through the outbox, in a transaction of its own). A failure to
   * record is logged and does not turn the denial into an error.
   */
  public Uni<Void> audit(
      Caller caller,
      String team,
      String environment,
      String action,
      String method,
      String path,
      int status,
      String reason) {
    var event =
        new AccessDenied(
            team == null ? "-" : team,
            environment,
            action,
            method,
            path,
            status,
            reason,
            new Actor(caller.subject(), caller.username()),
            Instant.now());
    LOG.infof(
        "access denied: %s %s action=%s user=%s status=%d",
        method, path, action, caller.username(), status);
    return Panache.withTransaction(() -> outbox.append(event))
        .onFailure()
        .invoke(f -> LOG.errorf(f, "could not record the denial of %s %s", method, path))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
