package dev.slipway.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A plan's monthly cost estimate, kept for the approval of a deploy bound to it (V300). */
@Entity
@Table(name = "plan_cost_estimate")
public class PlanCostEstimate extends PanacheEntityBase {

  @Id
  @Column(name = "plan_hash")
  public String planHash;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  /** The {@code costEstimate} JSON the plan answered. */
  @Column(nullable = false)
  public String estimate;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
