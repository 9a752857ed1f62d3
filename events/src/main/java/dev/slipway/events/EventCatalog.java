package dev.slipway.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type Slipway publishes. Adding an event means adding it here, with schema and
 * example.
 */
public final class EventCatalog {

  public static final EventType<DeployRequested> DEPLOY_REQUESTED =
      new EventType<>(DeployRequested.class, "dev.slipway.deploy.requested.v1", Topics.DEPLOY);
  public static final EventType<DeployCompleted> DEPLOY_COMPLETED =
      new EventType<>(DeployCompleted.class, "dev.slipway.deploy.completed.v1", Topics.DEPLOY);
  public static final EventType<RollbackRequested> ROLLBACK_REQUESTED =
      new EventType<>(
          RollbackRequested.class, "dev.slipway.deploy.rollback-requested.v1", Topics.DEPLOY);
  public static final EventType<DeployFailed> DEPLOY_FAILED =
      new EventType<>(DeployFailed.class, "dev.slipway.deploy.failed.v1", Topics.DEPLOY);
  public static final EventType<DeployRolloutProgressed> DEPLOY_ROLLOUT_PROGRESSED =
      new EventType<>(
          DeployRolloutProgressed.class, "dev.slipway.deploy.rollout-progressed.v1", Topics.DEPLOY);
  public static final EventType<BuildRequested> BUILD_REQUESTED =
      new EventType<>(BuildRequested.class, "dev.slipway.deploy.build-requested.v1", Topics.DEPLOY);
  public static final EventType<BuildStarted> BUILD_STARTED =
      new EventType<>(BuildStarted.class, "dev.slipway.deploy.build-started.v1", Topics.DEPLOY);
  public static final EventType<BuildSucceeded> BUILD_SUCCEEDED =
      new EventType<>(BuildSucceeded.class, "dev.slipway.deploy.build-succeeded.v1", Topics.DEPLOY);
  public static final EventType<EnvironmentRequested> ENVIRONMENT_REQUESTED =
      new EventType<>(
          EnvironmentRequested.class, "dev.slipway.environment.requested.v1", Topics.ENVIRONMENT);
  public static final EventType<EnvironmentCreated> ENVIRONMENT_CREATED =
      new EventType<>(
          EnvironmentCreated.class, "dev.slipway.environment.created.v1", Topics.ENVIRONMENT);
  public static final EventType<EnvironmentFailed> ENVIRONMENT_FAILED =
      new EventType<>(
          EnvironmentFailed.class, "dev.slipway.environment.failed.v1", Topics.ENVIRONMENT);
  public static final EventType<EnvironmentCloneRequested> ENVIRONMENT_CLONE_REQUESTED =
      new EventType<>(
          EnvironmentCloneRequested.class,
          "dev.slipway.environment.clone-requested.v1",
          Topics.ENVIRONMENT);
  public static final EventType<EnvironmentCloned> ENVIRONMENT_CLONED =
      new EventType<>(
          EnvironmentCloned.class, "dev.slipway.environment.cloned.v1", Topics.ENVIRONMENT);
  public static final EventType<SecretCreated> SECRET_CREATED =
      new EventType<>(SecretCreated.class, "dev.slipway.secret.created.v1", Topics.SECRET);
  public static final EventType<SecretRotated> SECRET_ROTATED =
      new EventType<>(SecretRotated.class, "dev.slipway.secret.rotated.v1", Topics.SECRET);
  public static final EventType<SecretDeleted> SECRET_DELETED =
      new EventType<>(SecretDeleted.class, "dev.slipway.secret.deleted.v1", Topics.SECRET);
  public static final EventType<SecretRestoreRequested> SECRET_RESTORE_REQUESTED =
      new EventType<>(
          SecretRestoreRequested.class, "dev.slipway.secret.restore-requested.v1", Topics.SECRET);
  public static final EventType<SecretRevealed> SECRET_REVEALED =
      new EventType<>(SecretRevealed.class, "dev.slipway.secret.revealed.v1", Topics.SECRET);
  public static final EventType<EnvironmentDeleteRequested> ENVIRONMENT_DELETE_REQUESTED =
      new EventType<>(
          EnvironmentDeleteRequested.class,
          "dev.slipway.environment.delete-requested.v1",
          Topics.ENVIRONMENT);
  public static final EventType<EnvironmentDeleted> ENVIRONMENT_DELETED =
      new EventType<>(
          EnvironmentDeleted.class, "dev.slipway.environment.deleted.v1", Topics.ENVIRONMENT);
  public static final EventType<EnvironmentCloneProgressed> ENVIRONMENT_CLONE_PROGRESSED =
      new EventType<>(
          EnvironmentCloneProgressed.class,
          "dev.slipway.environment.clone-progressed.v1",
          Topics.ENVIRONMENT);
  public static final EventType<EnvironmentCloneCompleted> ENVIRONMENT_CLONE_COMPLETED =
      new EventType<>(
          EnvironmentCloneCompleted.class,
          "dev.slipway.environment.clone-completed.v1",
          Topics.ENVIRONMENT);
  public static final EventType<EnvironmentExpiring> ENVIRONMENT_EXPIRING =
      new EventType<>(
          EnvironmentExpiring.class, "dev.slipway.environment.expiring.v1", Topics.ENVIRONMENT);
  public static final EventType<TeamQuotaChangeRequested> TEAM_QUOTA_CHANGE_REQUESTED =
      new EventType<>(
          TeamQuotaChangeRequested.class,
          "dev.slipway.environment.quota-change-requested.v1",
          Topics.ENVIRONMENT);
  public static final EventType<TeamQuotaChanged> TEAM_QUOTA_CHANGED =
      new EventType<>(
          TeamQuotaChanged.class, "dev.slipway.environment.quota-changed.v1", Topics.ENVIRONMENT);
  public static final EventType<TeamQuotaChangeFailed> TEAM_QUOTA_CHANGE_FAILED =
      new EventType<>(
          TeamQuotaChangeFailed.class,
          "dev.slipway.environment.quota-change-failed.v1",
          Topics.ENVIRONMENT);
  public static final EventType<CostComputed> COST_COMPUTED =
      new EventType<>(CostComputed.class, "dev.slipway.cost.computed.v1", Topics.COST);
  public static final EventType<BudgetExceeded> BUDGET_EXCEEDED =
      new EventType<>(BudgetExceeded.class, "dev.slipway.cost.budget-exceeded.v1", Topics.COST);
  public static final EventType<AuditRecorded> AUDIT_RECORDED =
      new EventType<>(AuditRecorded.class, "dev.slipway.audit.recorded.v1", Topics.AUDIT);
  public static final EventType<AuditCheckpointed> AUDIT_CHECKPOINTED =
      new EventType<>(AuditCheckpointed.class, "dev.slipway.audit.checkpointed.v1", Topics.AUDIT);

  public static final EventType<AccessDenied> ACCESS_DENIED =
      new EventType<>(AccessDenied.class, "dev.slipway.approval.access-denied.v1", Topics.APPROVAL);
  public static final EventType<ApprovalRequested> APPROVAL_REQUESTED =
      new EventType<>(
          ApprovalRequested.class, "dev.slipway.approval.requested.v1", Topics.APPROVAL);
  public static final EventType<ApprovalGranted> APPROVAL_GRANTED =
      new EventType<>(ApprovalGranted.class, "dev.slipway.approval.granted.v1", Topics.APPROVAL);
  public static final EventType<ApprovalRejected> APPROVAL_REJECTED =
      new EventType<>(ApprovalRejected.class, "dev.slipway.approval.rejected.v1", Topics.APPROVAL);
  public static final EventType<ApprovalDecisionSubmitted> APPROVAL_DECISION_SUBMITTED =
      new EventType<>(
          ApprovalDecisionSubmitted.class,
          "dev.slipway.approval.decision-submitted.v1",
          Topics.APPROVAL);

  public static final List<EventType<?>> ALL =
      List.of(
          DEPLOY_REQUESTED,
          DEPLOY_COMPLETED,
          DEPLOY_FAILED,
          DEPLOY_ROLLOUT_PROGRESSED,
          ENVIRONMENT_REQUESTED,
          ENVIRONMENT_CREATED,
          ENVIRONMENT_FAILED,
          ENVIRONMENT_CLONE_REQUESTED,
          ENVIRONMENT_CLONED,
          ENVIRONMENT_DELETE_REQUESTED,
          ENVIRONMENT_DELETED,
          ENVIRONMENT_CLONE_PROGRESSED,
          ENVIRONMENT_CLONE_COMPLETED,
          ENVIRONMENT_EXPIRING,
          TEAM_QUOTA_CHANGE_REQUESTED,
          TEAM_QUOTA_CHANGED,
          TEAM_QUOTA_CHANGE_FAILED,
          COST_COMPUTED,
          BUDGET_EXCEEDED,
          AUDIT_RECORDED,
          AUDIT_CHECKPOINTED,
          SECRET_CREATED,
          SECRET_ROTATED,
          SECRET_DELETED,
          SECRET_REVEALED,
          SECRET_RESTORE_REQUESTED,
          ROLLBACK_REQUESTED,
          ACCESS_DENIED,
          APPROVAL_REQUESTED,
          APPROVAL_GRANTED,
          APPROVAL_REJECTED,
          APPROVAL_DECISION_SUBMITTED,
          BUILD_REQUESTED,
          BUILD_STARTED,
          BUILD_SUCCEEDED);

  private static final Map<String, EventType<?>> BY_CE_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
  private static final Map<Class<?>, EventType<?>> BY_CLASS =
      ALL.stream()
          .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

  private EventCatalog() {}

  public static Optional<EventType<?>> byCeType(String ceType) {
    return Optional.ofNullable(BY_CE_TYPE.get(ceType));
  }

  @SuppressWarnings("unchecked")
  public static <T extends SlipwayEvent> EventType<T> of(T event) {
    return (EventType<T>) of(event.getClass());
  }

  @SuppressWarnings("unchecked")
  public static <T extends SlipwayEvent> EventType<T> of(Class<T> recordClass) {
    EventType<?> type = BY_CLASS.get(recordClass);
    if (type == null) {
      throw new IllegalArgumentException(recordClass + " is not in the event catalog");
    }
    return (EventType<T>) type;
  }
}
