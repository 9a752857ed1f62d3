package dev.slipway.environment.domain;

/**
 * Where an environment is in its life. Only environments whose objects were applied are stored, so
 * today every stored one is READY; expiry and teardown (issue 6) add their states here.
 */
public enum EnvironmentStatus {
  READY
}
