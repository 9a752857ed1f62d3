package dev.slipway.events;

/**
 * A fact published by one Slipway service. The record is the CloudEvents {@code data}; type, topic
 * and key come from the {@link EventCatalog}.
 */
public sealed interface SlipwayEvent
    permits OperationEvent,
        CostComputed,
        BudgetExceeded,
        AuditRecorded,
        AuditCheckpointed,
        EnvironmentExpiring,
        SecretCreated,
        SecretRotated,
        SecretDeleted,
        SecretRevealed,
        SecretRestoreRequested,
        AccessDenied,
        ApprovalRequested,
        ApprovalGranted,
        ApprovalRejected,
        ApprovalDecisionSubmitted,
        TeamQuotaChangeRequested,
        TeamQuotaChanged,
        TeamQuotaChangeFailed {

  /** The Kafka key: the aggregate id ({@code team/env} or {@code team/env/app}). */
  String aggregateId();

  /** The team the fact belongs to: every reader filters on it. */
  String team();
}
