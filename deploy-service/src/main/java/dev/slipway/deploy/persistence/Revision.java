package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One apply of an app: what was asked, what was rendered, by whom, in which operation. */
@Entity
@Table(name = "revision")
public class Revision extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "app_id", nullable = false)
  public Long appId;

  @Column(nullable = false)
  public int number;

  @Column(nullable = false)
  public String spec;

  @Column(nullable = false)
  public String manifests;

  public String image;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "operation_id", nullable = false, unique = true)
  public UUID operationId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
