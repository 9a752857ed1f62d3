package dev.slipway.deploy.build;

import java.util.Map;

/** The configuration the pure renderers need, apart from CDI so tests can give their own. */
public record BuildSettings(
    Map<String, String> builders,
    String dockerfileBuilder,
    String gitImage,
    String registrySecret,
    long timeoutSeconds,
    int keepFinishedSeconds,
    BuildConfig.Resources resources,
    String buildpacksStrategy,
    String dockerfileStrategy,
    Map<String, String> nodeSelector) {

  static BuildSettings of(BuildConfig config) {
    return new BuildSettings(
        Map.copyOf(config.builders()),
        config.dockerfileBuilder(),
        config.gitImage(),
        config.registrySecret().orElse(null),
        config.timeout().toSeconds(),
        (int) config.keepFinished().toSeconds(),
        config.resources(),
        config.shipwright().buildpacksStrategy(),
        config.shipwright().dockerfileStrategy(),
        Map.copyOf(config.nodeSelector()));
  }
}
