package dev.slipway.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** deploy-service settings ({@code slipway.deploy.*}). */
@ConfigMapping(prefix = "slipway.deploy")
public interface DeployConfig {

  /**
   * Registries images may come from (e.g. {@code ghcr.io,registry.acme.internal}); not set: any.
   * The guard rail {@code allowed-registries} reads it.
   */
  Optional<List<String>> allowedRegistries();

  /** Whether Deployments are watched after apply, to report progressing, ready or failed. */
  @WithDefault("true")
  boolean watchRollouts();

  /**
   * Deploy requests handled at once, each app's in arrival order (ADR 0022). The API server and the
   * database pool bound what helps; 1 handles one request at a time.
   */
  @WithDefault("16")
  int concurrentRequests();
}
