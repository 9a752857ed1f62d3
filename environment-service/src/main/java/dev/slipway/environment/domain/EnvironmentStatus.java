package dev.slipway.environment.domain;

/**
 * Where an environment is in its life. Only environments whose objects were applied are stored; a
 * teardown marks the row DELETING while the namespace goes, and removes it once it is gone.
 */
public enum EnvironmentStatus {
  READY,
  DELETING
}
