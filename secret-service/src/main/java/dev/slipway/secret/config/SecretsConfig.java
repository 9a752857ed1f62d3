package dev.slipway.secret.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How secret-service keeps and delivers secrets ({@code slipway.secrets.*}). */
@ConfigMapping(prefix = "slipway.secrets")
public interface SecretsConfig {

  /**
   * The master key (base64 of 32 bytes) that wraps every data key. Unset: a key generated per
   * process, with a loud warning; good for a demo, never for production.
   */
  Optional<String> masterKey();

  /**
   * Earlier master keys, still able to unwrap data keys until {@code POST
   * /api/v1/platform/secrets/rewrap} moved them all under the current one.
   */
  Optional<List<String>> previousMasterKeys();

  /** Where values go: Kubernetes Secrets, or Vault KV v2 plus an ExternalSecret. */
  @WithDefault("kubernetes")
  Backend backend();

  Vault vault();

  Rotation rotation();

  /** deploy-service, asked which apps reference a secret (lists only). */
  @WithDefault("http://127.0.0.1:8081")
  String deployServiceUrl();

  enum Backend {
    KUBERNETES,
    VAULT
  }

  interface Vault {
    @WithDefault("http://127.0.0.1:8200")
    String address();

    Optional<String> token();

    /** The KV v2 mount. */
    @WithDefault("secret")
    String mount();

    /** Paths are {@code <prefix>/<team>/<env>/<name>}. */
    @WithDefault("slipway")
    String pathPrefix();

    /** The External Secrets store that reads this Vault. */
    @WithDefault("slipway-vault")
    String storeName();

    @WithDefault("ClusterSecretStore")
    String storeKind();

    @WithDefault("1m")
    String refreshInterval();
  }

  interface Rotation {
    /** How often due rotations are looked for. */
    @WithDefault("30s")
    Duration tick();

    /** When a scheduled rotation fails, when it is tried again. */
    @WithDefault("5m")
    Duration retryAfter();
  }
}
