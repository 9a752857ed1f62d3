package dev.slipway.deploy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.persistence.App;
import java.time.Instant;

/**
 * An app as clients see it: the spec they gave, the effective spec, the golden path version that
 * rendered it ({@code web@2}), and its rollout status.
 */
public record AppView(
    String team,
    String environment,
    String name,
    int revision,
    String status,
    String statusDetail,
    String goldenPath,
    JsonNode spec,
    JsonNode effectiveSpec,
    Instant updatedAt) {

  static AppView of(App app) {
    return new AppView(
        app.team,
        app.environment,
        app.name,
        app.revision,
        app.status,
        app.statusDetail,
        app.goldenPath,
        AppResource.tree(app.spec),
        AppResource.tree(app.effectiveSpec),
        app.updatedAt);
  }
}
