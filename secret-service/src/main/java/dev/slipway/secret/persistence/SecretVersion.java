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

/** One version of a secret: metadata, and its values sealed by envelope encryption. */
@Entity
@Table(name = "secret_version")
public class SecretVersion extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "secret_id", nullable = false)
  public Long secretId;

  @Column(nullable = false)
  public int version;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public String[] keys;

  @Column(name = "version_hash", nullable = false)
  public String versionHash;

  @Column(nullable = false)
  public String trigger;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public byte[] ciphertext;

  @Column(name = "value_nonce")
  public byte[] valueNonce;

  @Column(name = "wrapped_key")
  public byte[] wrappedKey;

  @Column(name = "key_id")
  public String keyId;

  public static Uni<SecretVersion> find(long secretId, int version) {
    return find("secretId = ?1 and version = ?2", secretId, version).firstResult();
  }

  public static Uni<List<SecretVersion>> history(long secretId) {
    return list("secretId = ?1 order by version desc", secretId);
  }
}
