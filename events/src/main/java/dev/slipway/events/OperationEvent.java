package dev.slipway.events;

/** An event that belongs to an operation a client follows through {@code /api/v1/operations}. */
public sealed interface OperationEvent extends SlipwayEvent
    permits DeployRequested,
        DeployCompleted,
        DeployFailed,
        EnvironmentRequested,
        EnvironmentCreated,
        EnvironmentFailed,
        EnvironmentCloneRequested,
        EnvironmentCloned,
        EnvironmentDeleteRequested,
        EnvironmentDeleted,
        EnvironmentCloneProgressed,
        EnvironmentCloneCompleted,
        RollbackRequested,
        DeployRolloutProgressed,
        BuildRequested,
        BuildStarted,
        BuildSucceeded {

  String operationId();

  /** The environment the operation concerns. */
  String environment();

  /** True when the operation ends with this event. */
  default boolean terminal() {
    return false;
  }
}
