package dev.slipway.secret.persistence;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A secret's metadata and rotation policy; the values live in {@link SecretVersion}. */
@Entity
@Table(name = "secret")
public class SecretEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  @Column(nullable = false)
  public String name;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public String[] keys;

  @Column(nullable = false)
  public int version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "needs_value", nullable = false)
  public boolean needsValue;

  @Column(name = "last_rotated_at")
  public Instant lastRotatedAt;

  @Column(name = "rotation_cron")
  public String rotationCron;

  @Column(name = "rotation_every_days")
  public Integer rotationEveryDays;

  @Column(name = "rotation_length")
  public Integer rotationLength;

  @Column(name = "rotation_charset")
  public String rotationCharset;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "rotation_keys", columnDefinition = "text[]")
  public String[] rotationKeys;

  @Column(name = "rotation_hook")
  public String rotationHook;

  @Column(name = "next_rotation_at")
  public Instant nextRotationAt;

  public static Uni<SecretEntity> find(String team, String environment, String name) {
    return find("team = ?1 and environment = ?2 and name = ?3", team, environment, name)
        .firstResult();
  }

  public static Uni<List<SecretEntity>> list(String team, String environment) {
    return list("team = ?1 and environment = ?2 order by name", team, environment);
  }
}
