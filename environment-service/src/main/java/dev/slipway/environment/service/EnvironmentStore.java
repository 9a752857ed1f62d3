package dev.slipway.environment.service;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The environments Slipway owns; every call runs in the caller's session or transaction. */
public interface EnvironmentStore {

  Uni<Optional<Environment>> find(String team, String name);

  Uni<List<Environment>> list(String team);

  Uni<Void> add(Environment environment);

  /** Marks the environment active at {@code at} (never moves its last activity back). */
  Uni<Void> touch(String team, String name, Instant at);

  Uni<Void> setStatus(String team, String name, EnvironmentStatus status);

  /** Removes the environment and what this service knows of its apps. */
  Uni<Void> remove(String team, String name);

  /** Names of the apps deployed into the environment, sorted. */
  Uni<List<String>> apps(String team, String name);

  /** App counts of the team's environments, keyed by environment name. */
  Uni<Map<String, Integer>> appCounts(String team);

  /**
   * Records an app deployed into an existing environment, and that the environment was active. Does
   * nothing for an environment this service does not have.
   */
  Uni<Void> recordDeploy(String team, String name, String app, int revision, Instant at);
}
