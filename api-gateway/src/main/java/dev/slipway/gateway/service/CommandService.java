package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Actor;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.EnvironmentCloneRequested;
import dev.slipway.events.EnvironmentDeleteRequested;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.EnvironmentRequested;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.SlipwayEvent;
import dev.slipway.events.TeamQuotaChangeRequested;
import dev.slipway.gateway.domain.OperationState;
import dev.slipway.gateway.domain.OperationType;
import dev.slipway.gateway.persistence.CommandKeys;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Accepts commands: the operation row and the command event commit together (outbox), so an
 * accepted operation is never lost, and nothing is published for a request that was refused.
 */
@ApplicationScoped
public class CommandService {

  private static final Logger LOG = Logger.getLogger(CommandService.class);

  /**
   * The environment an operation or approval of the team's quota names: it concerns all of the
   * team's environments (approvals and operations always name one).
   */
  public static final String QUOTA_SCOPE = "all";

  /** The request's Idempotency-Key on its Vert.x context (IdempotencyKeyFilter puts it there). */
  public static final String IDEMPOTENCY_KEY = "slipway.idempotency-key";

  private final Outbox outbox;
  private final ApprovalService approvals;

  public CommandService(Outbox outbox, ApprovalService approvals) {
    this.outbox = outbox;
    this.approvals = approvals;
  }

  /**
   * A deploy the policy gates (a developer's, to production): held for approval, bound to the
   * reviewed plan; nothing is published but the ApprovalRequested fact.
   */
  public Uni<Operation> deployAwaitingApproval(
      Caller caller,
      String team,
      String env,
      EnvironmentKind kind,
      ObjectNode spec,
      String planHash) {
    UUID id = UUID.randomUUID();
    String app = spec.path("name").asText();
    Instant now = Instant.now();
    return hold(
        operation(id, OperationType.DEPLOY, team, env, app, caller, now),
        new DeployRequested(
            id.toString(), team, env, kind, app, spec, actor(caller), now, planHash),
        "app.deploy",
        planHash,
        caller);
  }

  /** A production environment's deletion, held until a second person approves it. */
  public Uni<Operation> deleteEnvironmentAwaitingApproval(Caller caller, String team, String env) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return hold(
        operation(id, OperationType.DELETE_ENVIRONMENT, team, env, env, caller, now),
        new EnvironmentDeleteRequested(id.toString(), team, env, actor(caller), now),
        "environment.delete",
        null,
        caller);
  }

  /**
   * A change of the team's quota that raises a value: held until a tech lead of the team (not the
   * requester) or a platform admin approves, bound to the change's hash.
   */
  public Uni<Operation> changeQuotaAwaitingApproval(
      Caller caller, String team, Map<String, EnvironmentQuota> quota, String changeHash) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return hold(
        operation(id, OperationType.CHANGE_QUOTA, team, QUOTA_SCOPE, "quota", caller, now),
        new TeamQuotaChangeRequested(id.toString(), team, quota, changeHash, actor(caller), now),
        "quota.change",
        changeHash,
        caller);
  }

  /** A change of the team's quota that raises nothing: published at once. */
  public Uni<Operation> changeQuota(
      Caller caller, String team, Map<String, EnvironmentQuota> quota, String changeHash) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.CHANGE_QUOTA, team, QUOTA_SCOPE, "quota", caller, now),
        new TeamQuotaChangeRequested(id.toString(), team, quota, changeHash, actor(caller), now));
  }

  private Uni<Operation> hold(
      Operation operation, SlipwayEvent command, String action, String planHash, Caller caller) {
    operation.state = OperationState.PENDING_APPROVAL;
    dev.slipway.gateway.persistence.ApprovalRequest[] held =
        new dev.slipway.gateway.persistence.ApprovalRequest[1];
    return Panache.withTransaction(
            () ->
                once(
                    operation,
                    () ->
                        operation
                            .<Operation>persist()
                            .chain(op -> approvals.hold(op, command, action, planHash, caller))
                            .invoke(a -> held[0] = a)
                            .replaceWith(operation)))
        .invoke(
            op -> {
              if (held[0] == null) {
                LOG.infof("operation=%s answered again for the same Idempotency-Key", op.id);
                return;
              }
              LOG.infof(
                  "operation=%s type=%s team=%s env=%s target=%s from %s waits for approval %s",
                  op.id, op.type, op.team, op.environment, op.target, op.requestedBy, held[0].id);
              approvals.requested(held[0]);
            });
  }

  public Uni<Operation> deploy(
      Caller caller, String team, String env, EnvironmentKind kind, ObjectNode spec) {
    return deploy(caller, team, env, kind, spec, null);
  }

  /** A deploy of exactly the reviewed plan when {@code planHash} is given. */
  public Uni<Operation> deploy(
      Caller caller,
      String team,
      String env,
      EnvironmentKind kind,
      ObjectNode spec,
      String planHash) {
    UUID id = UUID.randomUUID();
    String app = spec.path("name").asText();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.DEPLOY, team, env, app, caller, now),
        new DeployRequested(
            id.toString(), team, env, kind, app, spec, actor(caller), now, planHash));
  }

  /**
   * Applies an earlier revision again, as a new revision. Followed like a deploy (operation type
   * DEPLOY): it ends with DeployCompleted or DeployFailed.
   */
  public Uni<Operation> rollback(
      Caller caller, String team, String env, EnvironmentKind kind, String app, int revision) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.DEPLOY, team, env, app, caller, now),
        new RollbackRequested(id.toString(), team, env, kind, app, revision, actor(caller), now));
  }

  /**
   * Builds an app again from its git source ({@code ref} or {@code commit}, else the default
   * branch) and deploys the result; followed as operation type BUILD.
   */
  public Uni<Operation> build(
      Caller caller,
      String team,
      String env,
      EnvironmentKind kind,
      String app,
      String ref,
      String commit) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.BUILD, team, env, app, caller, now),
        new BuildRequested(id.toString(), team, env, kind, app, ref, commit, actor(caller), now));
  }

  public Uni<Operation> createEnvironment(
      Caller caller, String team, String env, EnvironmentKind kind) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.CREATE_ENVIRONMENT, team, env, env, caller, now),
        new EnvironmentRequested(id.toString(), team, env, kind, actor(caller), now));
  }

  public Uni<Operation> deleteEnvironment(Caller caller, String team, String env) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.DELETE_ENVIRONMENT, team, env, env, caller, now),
        new EnvironmentDeleteRequested(id.toString(), team, env, actor(caller), now));
  }

  public Uni<Operation> cloneEnvironment(
      Caller caller,
      String team,
      String source,
      String env,
      EnvironmentKind kind,
      ObjectNode overrides) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    return accept(
        operation(id, OperationType.CLONE_ENVIRONMENT, team, env, env, caller, now),
        new EnvironmentCloneRequested(
            id.toString(), team, source, env, kind, overrides, actor(caller), now));
  }

  private Uni<Operation> accept(Operation operation, SlipwayEvent command) {
    return Panache.withTransaction(
            () ->
                once(
                    operation,
                    () -> operation.<Operation>persist().call(() -> outbox.append(command))))
        .invoke(
            op ->
                LOG.infof(
                    "operation=%s type=%s team=%s env=%s target=%s %s from %s",
                    op.id,
                    op.type,
                    op.team,
                    op.environment,
                    op.target,
                    op == operation ? "accepted" : "answered again for the same Idempotency-Key",
                    op.requestedBy));
  }

  /**
   * Inside the command's transaction: the work, unless the request's Idempotency-Key already made
   * an operation; then that operation, and nothing is published again.
   */
  private static Uni<Operation> once(Operation operation, Supplier<Uni<Operation>> work) {
    Optional<String> key =
        VertxContext.isOnDuplicatedContext()
            ? ContextLocals.get(IDEMPOTENCY_KEY)
            : Optional.empty();
    if (key.isEmpty()) {
      return work.get();
    }
    return CommandKeys.claim(key.get(), operation)
        .chain(earlier -> earlier.isPresent() ? Uni.createFrom().item(earlier.get()) : work.get());
  }

  private static Operation operation(
      UUID id,
      OperationType type,
      String team,
      String env,
      String target,
      Caller caller,
      Instant now) {
    var op = new Operation();
    op.id = id;
    op.type = type;
    op.team = team;
    op.environment = env;
    op.target = target;
    op.state = OperationState.PENDING;
    op.requestedBy = caller.username();
    op.createdAt = now;
    op.updatedAt = now;
    return op;
  }

  private static Actor actor(Caller caller) {
    return new Actor(caller.subject(), caller.username());
  }
}
