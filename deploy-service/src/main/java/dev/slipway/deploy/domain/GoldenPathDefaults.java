package dev.slipway.deploy.domain;

import dev.slipway.deploy.domain.EffectiveSpec.Autoscaling;
import dev.slipway.deploy.domain.EffectiveSpec.Probes;
import dev.slipway.deploy.domain.EffectiveSpec.Resources;
import java.util.Map;

/** The platform standard for a web app (ARCHITECTURE.md, "Golden path web defaults"). */
public record GoldenPathDefaults(
    String version,
    int minReplicas,
    Resources resources,
    Map<String, Resources> presets,
    Autoscaling autoscaling,
    Probes probes,
    String ingressNamespace) {

  public static final GoldenPathDefaults WEB_V1 =
      new GoldenPathDefaults(
          "web/v1",
          3,
          new Resources("250m", "512Mi", "1", "1Gi"),
          Map.of(
              "small", new Resources("100m", "128Mi", "500m", "256Mi"),
              "medium", new Resources("250m", "512Mi", "1", "1Gi"),
              "large", new Resources("1", "2Gi", "2", "4Gi")),
          new Autoscaling(true, 3, 20, 70),
          new Probes("/healthz", "/ready"),
          "ingress-nginx");
}
