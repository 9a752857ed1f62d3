package dev.slipway.deploy.kubernetes.model;

import dev.slipway.kit.kubernetes.Labels;
import java.util.Map;

/** Where an app goes: the team's environment namespace. */
public record AppTarget(String team, String environment, String app) {

  public String namespace() {
    return Labels.namespace(team, environment);
  }

  public Map<String, String> labels() {
    return Labels.app(team, environment, app);
  }

  /** Pods are selected by name only: a selector must never change once a Deployment exists. */
  public Map<String, String> selector() {
    return Map.of(Labels.NAME, app);
  }
}
