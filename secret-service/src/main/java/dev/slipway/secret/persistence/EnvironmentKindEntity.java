package dev.slipway.secret.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An environment's kind as environment-service announced it. */
@Entity
@Table(name = "environment_kind")
@IdClass(EnvironmentKindEntity.Key.class)
public class EnvironmentKindEntity extends PanacheEntityBase {

  @Id public String team;

  @Id public String environment;

  @Column(nullable = false)
  public String kind;

  /** The composite id. */
  public static class Key implements Serializable {
    public String team;
    public String environment;

    public Key() {}

    public Key(String team, String environment) {
      this.team = team;
      this.environment = environment;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Objects.equals(team, k.team)
          && java.util.Objects.equals(environment, k.environment);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(team, environment);
    }
  }
}
