package dev.slipway.environment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code environment} (V1__environments.sql). */
@Entity
@Table(name = "environment")
public class EnvironmentEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String name;

  /** The kind's wire name, as in events and the API. */
  @Column(nullable = false)
  public String kind;

  @Column(nullable = false)
  public String namespace;

  @Column(nullable = false)
  public String status;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_activity_at", nullable = false)
  public Instant lastActivityAt;

  /** The environment a clone was copied from (V3__clone_lineage.sql); null when not a clone. */
  @Column(name = "cloned_from")
  public String clonedFrom;

  /** V4__expiry.sql: never expires while pinned. */
  @Column(nullable = false)
  public boolean pinned;

  @Column(name = "extended_until")
  public Instant extendedUntil;

  /** When EnvironmentExpiring went out for the current expiry; null when not yet. */
  @Column(name = "expiry_warned_at")
  public Instant expiryWarnedAt;
}
