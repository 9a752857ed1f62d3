package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An app in a team's environment; every lookup goes through the team. */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String spec;

  @Column(name = "effective_spec", nullable = false)
  public String effectiveSpec;

  @Column(name = "golden_path", nullable = false)
  public String goldenPath;

  @Column(nullable = false)
  public int revision;

  @Column(nullable = false)
  public String status;

  @Column(name = "status_detail")
  public String statusDetail;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static Uni<App> find(String team, String environment, String name) {
    return find("team = ?1 and environment = ?2 and name = ?3", team, environment, name)
        .firstResult();
  }

  /** The app's row locked until the transaction ends: the one writer of its next revision. */
  public static Uni<App> findForUpdate(String team, String environment, String name) {
    return find("team = ?1 and environment = ?2 and name = ?3", team, environment, name)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  public static Uni<List<App>> list(String team, String environment) {
    return list("team = ?1 and environment = ?2 order by name", team, environment);
  }
}
