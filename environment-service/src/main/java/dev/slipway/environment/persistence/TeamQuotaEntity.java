package dev.slipway.environment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One kind of a team's own quota (V200__team_quota.sql). */
@Entity
@Table(name = "team_quota")
@IdClass(TeamQuotaEntity.Key.class)
public class TeamQuotaEntity extends PanacheEntityBase {

  @Id public String team;

  @Id public String kind;

  @Column(nullable = false)
  public String cpu;

  @Column(nullable = false)
  public String memory;

  @Column(nullable = false)
  public int pods;

  @Column(nullable = false)
  public String storage;

  @Column(name = "changed_by", nullable = false)
  public String changedBy;

  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;

  /** The composite key (team, kind). */
  public static class Key implements Serializable {
    public String team;
    public String kind;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && Objects.equals(team, k.team) && Objects.equals(kind, k.kind);
    }

    @Override
    public int hashCode() {
      return Objects.hash(team, kind);
    }
  }
}
