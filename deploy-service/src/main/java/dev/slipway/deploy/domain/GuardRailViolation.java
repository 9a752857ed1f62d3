package dev.slipway.deploy.domain;

import dev.slipway.events.FieldError;

/** One object breaking one rule: {@code field} like {@code Deployment/hello:spec.replicas}. */
public record GuardRailViolation(
    String rule, GuardRail.Severity severity, String field, String message) {

  public FieldError asFieldError() {
    return new FieldError(field, message + " (guard rail " + rule + ")");
  }
}
