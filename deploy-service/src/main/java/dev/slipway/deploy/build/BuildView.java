package dev.slipway.deploy.build;

import java.time.Instant;
import java.util.UUID;

/** A build as the API shows it. */
public record BuildView(
    UUID id,
    UUID operationId,
    String state,
    String engine,
    String object,
    String gitRepo,
    String revision,
    String image,
    String deployedImage,
    String reason,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  static BuildView of(Build build) {
    return new BuildView(
        build.id,
        build.operationId,
        build.state,
        build.engine,
        build.objectName,
        build.gitRepo,
        build.revision,
        build.image,
        build.resultImage,
        build.reason,
        build.requestedUsername,
        build.createdAt,
        build.updatedAt);
  }
}
