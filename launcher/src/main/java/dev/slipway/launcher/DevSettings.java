package dev.slipway.launcher;

import dev.slipway.launcher.infra.ExternalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./slipway dev} starts and where, read once from the environment. Every {@code
 * SLIPWAY_*} server setting replaces the embedded server of that kind; the rest is embedded.
 */
public record DevSettings(
    Path repoRoot,
    Path dataDir,
    Path cacheDir,
    Optional<Path> kubeconfig,
    Optional<String> kafkaBootstrap,
    Optional<ExternalPostgres> postgres,
    Optional<String> oidcIssuer,
    String oidcClientId,
    String keycloakVersion,
    Optional<Path> keycloakJavaHome,
    String serviceJavaOptions) {

  // Fixed, documented ports so that dev.env, bookmarks and the printed example stay valid across
  // restarts; they sit away from the defaults (5432, 9092, 8080 of Keycloak) a developer may run.
  public static final int POSTGRES_PORT = 15432;
  public static final int KAFKA_PORT = 19092;
  public static final int KEYCLOAK_PORT = 18080;
  public static final String LOOPBACK = "127.0.0.1";
  public static final String DEFAULT_KEYCLOAK_VERSION = "26.4.7";
  public static final String CLI_CLIENT_ID = "slipway-cli";

  // Short startup over peak throughput: C1 only and the serial collector leave the two cores to
  // the other JVMs that start at the same time.
  static final String DEFAULT_SERVICE_JAVA_OPTIONS =
      "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  public static DevSettings fromEnvironment(Map<String, String> env, Path repoRoot) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path cache =
        nonBlank(env, "XDG_CACHE_HOME")
            .map(Path::of)
            .orElse(home.resolve(".cache"))
            .resolve("slipway");
    return new DevSettings(
        repoRoot,
        nonBlank(env, "SLIPWAY_DATA_DIR").map(Path::of).orElse(repoRoot.resolve(".slipway")),
        cache,
        kubeconfig(env),
        nonBlank(env, "SLIPWAY_KAFKA_BOOTSTRAP"),
        nonBlank(env, "SLIPWAY_POSTGRES_URL")
            .map(
                url ->
                    ExternalPostgres.parse(
                        url,
                        nonBlank(env, "SLIPWAY_POSTGRES_USER"),
                        nonBlank(env, "SLIPWAY_POSTGRES_PASSWORD"))),
        nonBlank(env, "SLIPWAY_OIDC_ISSUER").map(DevSettings::withoutTrailingSlash),
        nonBlank(env, "SLIPWAY_OIDC_CLIENT_ID").orElse(CLI_CLIENT_ID),
        nonBlank(env, "SLIPWAY_KEYCLOAK_VERSION").orElse(DEFAULT_KEYCLOAK_VERSION),
        nonBlank(env, "SLIPWAY_KEYCLOAK_JAVA_HOME").map(Path::of),
        nonBlank(env, "SLIPWAY_SERVICE_JAVA_OPTS").orElse(DEFAULT_SERVICE_JAVA_OPTIONS));
  }

  /** The issuer the services trust and the tokens carry: Keycloak's unless one is configured. */
  public String issuer() {
    return oidcIssuer.orElse("http://" + LOOPBACK + ":" + KEYCLOAK_PORT + "/realms/slipway");
  }

  public boolean runsKeycloak() {
    return oidcIssuer.isEmpty();
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** Like kubectl: the first file of a KUBECONFIG list holds the context. */
  private static Optional<Path> kubeconfig(Map<String, String> env) {
    for (String variable : new String[] {"SLIPWAY_KUBECONFIG", "KUBECONFIG"}) {
      Optional<String> value = nonBlank(env, variable);
      if (value.isPresent()) {
        Path path = Path.of(value.get().split(java.io.File.pathSeparator)[0]);
        if (!Files.isRegularFile(path)) {
          throw new IllegalArgumentException(
              variable + "=" + value.get() + " is not a kubeconfig file");
        }
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
