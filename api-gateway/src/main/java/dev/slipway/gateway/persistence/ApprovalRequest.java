package dev.slipway.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A gated command held until a tech lead or a platform admin decides (V80__approvals.sql). */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest extends PanacheEntityBase {

  public static final String PENDING = "PENDING";
  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  @Id public UUID id;

  @Column(name = "operation_id", nullable = false)
  public UUID operationId;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  @Column(nullable = false)
  public String action;

  @Column(nullable = false)
  public String target;

  @Column(name = "plan_hash")
  public String planHash;

  @Column(name = "command_type", nullable = false)
  public String commandType;

  @Column(nullable = false)
  public String command;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "requested_by_subject", nullable = false)
  public String requestedBySubject;

  @Column(nullable = false)
  public String state;

  @Column(name = "decided_by")
  public String decidedBy;

  public String channel;

  public String reason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /** The reviewed plan's cost estimate (JSON), when one was made (V300). */
  @Column(name = "cost_estimate")
  public String costEstimate;
}
