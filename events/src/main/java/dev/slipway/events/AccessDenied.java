package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The gateway refused a request: another team's object or a missing one (status 404), or an action
 * the caller's role does not allow (403). Published on {@code slipway.approval}, the topic of
 * access decisions, so audit-service records every denial. {@code team} is the team the request
 * named, {@code "-"} for a route of no team (platform, audit); {@code environment} is absent when
 * the route names none.
 */
public record AccessDenied(
    String team,
    @JsonInclude(JsonInclude.Include.NON_NULL) String environment,
    String action,
    String method,
    String path,
    int status,
    String reason,
    Actor requestedBy,
    Instant deniedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return environment == null ? team : AggregateIds.environment(team, environment);
  }
}
