package dev.slipway.deploy.build;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Builds from source ({@code slipway.build.*}): where images go and what builds them. */
@ConfigMapping(prefix = "slipway.build")
public interface BuildConfig {

  /**
   * The registry (and optional path prefix) built images are pushed to, e.g. {@code
   * registry.acme.internal/apps}; an image is {@code <registry>/<team>/<app>}. Not set: builds fail
   * with that reason.
   */
  Optional<String> registry();

  /**
   * A {@code kubernetes.io/dockerconfigjson} Secret in each environment's namespace with the push
   * credentials (a reference: Slipway never reads its value). Not set: the registry needs none.
   */
  Optional<String> registrySecret();

  /** Builder image per buildpack name of the app spec ({@code java}, {@code node}, ...). */
  Map<String, String> builders();

  /** The daemonless, unprivileged Dockerfile builder (kaniko's executor by default). */
  @WithDefault("gcr.io/kaniko-project/executor:v1.23.2")
  String dockerfileBuilder();

  /** The image whose {@code git} fetches the source into the build's workspace. */
  @WithDefault("alpine/git:v2.47.2")
  String gitImage();

  /** Where build pods run, e.g. a node pool for builds ({@code pool: builds}); empty: anywhere. */
  Map<String, String> nodeSelector();

  /** {@code auto}: Shipwright when its BuildRun API is served, else a Job; or force one. */
  @WithDefault("auto")
  Engine engine();

  /** A build running longer is stopped (the Job's activeDeadlineSeconds) and fails. */
  @WithDefault("30m")
  Duration timeout();

  /** How long a finished build's Job and pod are kept for its logs. */
  @WithDefault("24h")
  Duration keepFinished();

  /** How often running builds are checked. */
  @WithDefault("5s")
  Duration checkEvery();

  Resources resources();

  Shipwright shipwright();

  /** Requests and limits of the build's containers. */
  interface Resources {
    @WithDefault("500m")
    String requestsCpu();

    @WithDefault("1Gi")
    String requestsMemory();

    @WithDefault("2")
    String limitsCpu();

    @WithDefault("4Gi")
    String limitsMemory();
  }

  /** The ClusterBuildStrategies used when Shipwright builds. */
  interface Shipwright {
    @WithDefault("buildpacks-v3")
    String buildpacksStrategy();

    @WithDefault("kaniko")
    String dockerfileStrategy();
  }

  enum Engine {
    AUTO,
    JOB,
    SHIPWRIGHT
  }
}
