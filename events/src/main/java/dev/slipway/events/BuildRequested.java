package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A client (the API, or a signed git push webhook) asked to build an app from its git repository
 * again and deploy the result. The source (repository, buildpack or Dockerfile) is the one the app
 * was last deployed from with {@code gitRepo}; {@code ref} (a branch or tag) and {@code commit} (a
 * SHA) choose what to build, the repository's default branch when both are absent.
 */
public record BuildRequested(
    String operationId,
    String team,
    String environment,
    @JsonInclude(JsonInclude.Include.NON_NULL) EnvironmentKind environmentKind,
    String app,
    @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
    @JsonInclude(JsonInclude.Include.NON_NULL) String commit,
    Actor requestedBy,
    Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
