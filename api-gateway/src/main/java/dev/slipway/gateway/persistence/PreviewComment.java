package dev.slipway.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A preview URL waiting to be posted on its pull request (V200__preview_comments.sql). */
@Entity
@Table(name = "preview_comment")
public class PreviewComment extends PanacheEntityBase {

  @Id
  @Column(name = "operation_id")
  public UUID operationId;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String provider;

  @Column(nullable = false)
  public String repository;

  @Column(nullable = false)
  public int number;

  @Column(nullable = false)
  public String url;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "posted_at")
  public Instant postedAt;

  @Column(name = "last_error")
  public String lastError;
}
