package dev.slipway.gateway.service;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.gateway.domain.AccessPolicy;
import dev.slipway.kit.security.Caller;
import jakarta.enterprise.context.RequestScoped;

/**
 * What the access filter established for this request: the route's action, the caller, the team and
 * environment of the path, the environment's kind (looked up once, so resources do not ask again)
 * and the policy's decision.
 */
@RequestScoped
public class AccessContext {

  private AccessPolicy.Route route;
  private Caller caller;
  private String team;
  private String environment;
  private EnvironmentKind kind;
  private AccessPolicy.Decision decision = AccessPolicy.Decision.DENY;
  private String method;
  private String path;

  void set(
      AccessPolicy.Route route,
      Caller caller,
      String team,
      String environment,
      String method,
      String path) {
    this.method = method;
    this.path = path;
    this.route = route;
    this.caller = caller;
    this.team = team;
    this.environment = environment;
  }

  void kind(EnvironmentKind kind) {
    this.kind = kind;
  }

  void decision(AccessPolicy.Decision decision) {
    this.decision = decision;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public AccessPolicy.Route route() {
    return route;
  }

  public Caller caller() {
    return caller;
  }

  public String team() {
    return team;
  }

  public String environment() {
    return environment;
  }

  /** The kind of the path's environment; null on routes of no environment. */
  public EnvironmentKind kind() {
    return kind;
  }

  public AccessPolicy.Decision decision() {
    return decision;
  }

  /** True when the policy lets this request through only as an approval request. */
  public boolean approvalRequired() {
    return decision == AccessPolicy.Decision.APPROVAL;
  }
}
