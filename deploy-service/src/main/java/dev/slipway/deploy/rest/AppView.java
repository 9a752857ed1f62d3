package dev.slipway.deploy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.persistence.App;
import dev.slipway.events.EventJson;
import java.time.Instant;

/** An app as clients see it: the spec they gave, the effective spec, and where it stands. */
public record AppView(
    String team,
    String environment,
    String name,
    int revision,
    String status,
    String goldenPath,
    JsonNode spec,
    JsonNode effectiveSpec,
    Instant updatedAt) {

  static AppView of(App app) {
    try {
      return new AppView(
          app.team,
          app.environment,
          app.name,
          app.revision,
          app.status,
          app.goldenPath,
          EventJson.mapper().readTree(app.spec),
          EventJson.mapper().readTree(app.effectiveSpec),
          app.updatedAt);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored spec of app " + app.id + " is not JSON", e);
    }
  }
}
