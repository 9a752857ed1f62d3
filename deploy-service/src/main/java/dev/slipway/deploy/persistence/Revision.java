package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
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

  /** The golden path version that rendered it ({@code web@2}). */
  @Column(name = "golden_path")
  public String goldenPath;

  @Column(name = "effective_spec")
  public String effectiveSpec;

  /** For a rollback: the revision whose manifests were applied again. */
  @Column(name = "rollback_of")
  public Integer rollbackOf;

  /** For a revision applied because a secret changed: the secret, its version and the trigger. */
  @Column(name = "secret_name")
  public String secretName;

  @Column(name = "secret_version")
  public Integer secretVersion;

  @Column(name = "secret_trigger")
  public String secretTrigger;

  /** Whether its failed rollout already asked secret-service for the previous version. */
  @Column(name = "restore_requested", nullable = false)
  public boolean restoreRequested;

  public static Uni<List<Revision>> ofApp(Long appId) {
    return list("appId = ?1 order by number desc", appId);
  }

  public static Uni<Revision> of(Long appId, int number) {
    return find("appId = ?1 and number = ?2", appId, number).firstResult();
  }
}
