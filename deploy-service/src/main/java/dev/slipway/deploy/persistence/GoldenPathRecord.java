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

/** One version of a golden path; rows are never changed, a change is a new version. */
@Entity
@Table(name = "golden_path")
public class GoldenPathRecord extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public int version;

  @Column(nullable = false)
  public String definition;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public static Uni<GoldenPathRecord> latest(String name) {
    return find("name = ?1 order by version desc", name).firstResult();
  }

  public static Uni<GoldenPathRecord> version(String name, int version) {
    return find("name = ?1 and version = ?2", name, version).firstResult();
  }

  /** The newest version of every path, by name. */
  public static Uni<List<GoldenPathRecord>> latestOfEach() {
    return list(
        "from GoldenPathRecord p where p.version ="
            + " (select max(g.version) from GoldenPathRecord g where g.name = p.name)"
            + " order by p.name");
  }
}
