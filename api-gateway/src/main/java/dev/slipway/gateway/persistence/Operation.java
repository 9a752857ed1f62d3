package dev.slipway.gateway.persistence;

import dev.slipway.gateway.domain.OperationState;
import dev.slipway.gateway.domain.OperationType;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A command a client sent, followed to its end. */
@Entity
@Table(name = "operation")
public class Operation extends PanacheEntityBase {

  @Id public UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public OperationType type;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false)
  public String environment;

  @Column(nullable = false)
  public String target;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public OperationState state;

  public String detail;

  public String errors;

  public String result;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The operation, if {@code who} may see it; a malformed, missing or foreign id is a 404. */
  public static Uni<Operation> visibleTo(Caller who, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(ProblemException.notFound("Operation " + id));
    }
    return Panache.withSession(() -> Operation.<Operation>findById(uuid))
        .map(
            op -> {
              if (op == null || !who.canSee(op.team)) {
                throw ProblemException.notFound("Operation " + id);
              }
              return op;
            });
  }
}
