package dev.slipway.gateway.service;

import dev.slipway.events.Actor;
import dev.slipway.events.ApprovalGranted;
import dev.slipway.events.ApprovalRejected;
import dev.slipway.events.ApprovalRequested;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.SlipwayEvent;
import dev.slipway.gateway.config.ApprovalsConfig;
import dev.slipway.gateway.domain.OperationState;
import dev.slipway.gateway.persistence.ApprovalRequest;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gated commands (the policy's {@code approval} decisions): held with their operation in
 * PENDING_APPROVAL, decided by a tech lead of the team or a platform admin who is not the
 * requester, expired after {@code slipway.approvals.ttl}. Approving publishes the held command as
 * it was stored (a deploy keeps its plan hash, so exactly the reviewed plan is applied) together
 * with ApprovalGranted, in one transaction; rejecting or expiring publishes ApprovalRejected and
 * nothing of the command.
 */
@ApplicationScoped
public class ApprovalService {

  private static final Logger LOG = Logger.getLogger(ApprovalService.class);
  public static final Actor SYSTEM = new Actor("system", "slipway");

  private final Outbox outbox;
  private final ApprovalsConfig config;
  private final OperationUpdates updates;
  private final ApprovalNotifier notifier;
  private final AccessControl access;
  @Inject CostEstimates estimates;

  public ApprovalService(
      Outbox outbox,
      ApprovalsConfig config,
      OperationUpdates updates,
      ApprovalNotifier notifier,
      AccessControl access) {
    this.outbox = outbox;
    this.config = config;
    this.updates = updates;
    this.notifier = notifier;
    this.access = access;
  }

  /**
   * Holds {@code command} for approval; call inside the transaction that persists the operation
   * (which must be in PENDING_APPROVAL). Notifies after the caller's transaction commits.
   */
  public Uni<ApprovalRequest> hold(
      Operation op, SlipwayEvent command, String action, String planHash, Caller requester) {
    var a = new ApprovalRequest();
    a.id = UUID.randomUUID();
    a.operationId = op.id;
    a.team = op.team;
    a.environment = op.environment;
    a.action = action;
    a.target = op.target;
    a.planHash = planHash;
    a.commandType = EventCatalog.of(command).ceType();
    a.command = EventJson.write(command);
    a.requestedBy = requester.username();
    a.requestedBySubject = requester.subject();
    a.state = ApprovalRequest.PENDING;
    a.channel = "api";
    a.createdAt = op.createdAt;
    a.expiresAt = op.createdAt.plus(config.ttl());
    op.detail = "waiting for a tech lead of " + op.team + " or a platform admin to approve";
    op.result = EventJson.mapper().createObjectNode().put("approvalId", a.id.toString()).toString();
    return estimates
        .ofPlan(planHash, a.team, a.environment)
        .invoke(estimate -> a.costEstimate = estimate)
        .chain(() -> a.<ApprovalRequest>persist())
        .call(
            () ->
                outbox.append(
                    new ApprovalRequested(
                        a.id.toString(),
                        op.id.toString(),
                        a.team,
                        a.environment,
                        action,
                        a.target,
                        planHash,
                        new Actor(requester.subject(), requester.username()),
                        "api",
                        a.createdAt,
                        a.expiresAt)));
  }

  public void requested(ApprovalRequest a) {
    notifier.notify("approval.requested", ApprovalView.of(a));
  }

  /** Pending requests the caller may decide: their teams' (as tech lead), all for admins. */
  public Uni<List<ApprovalView>> pending(Caller caller) {
    return Panache.withSession(
            () ->
                ApprovalRequest.<ApprovalRequest>list(
                    "state = ?1 and expiresAt > ?2 order by createdAt",
                    ApprovalRequest.PENDING,
                    Instant.now()))
        .map(
            all -> {
              List<ApprovalView> mine = new ArrayList<>();
              for (ApprovalRequest a : all) {
                if (caller.isTechLead(a.team) && !a.requestedBySubject.equals(caller.subject())) {
                  mine.add(ApprovalView.of(a));
                }
              }
              return mine;
            });
  }

  /**
   * Approves or rejects. 404: no such request, or one of a team the caller is not in; 403: not a
   * tech lead of the team nor a platform admin, or the requester themself (audited); 409: already
   * decided or expired.
   */
  public Uni<ApprovalView> decide(
      Caller caller, String id, boolean approve, String reason, String channel) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(ProblemException.notFound("Approval " + id));
    }
    String[] refused = new String[2];
    String[] expired = new String[1];
    Operation[] changed = new Operation[1];
    return Panache.withTransaction(
            () ->
                ApprovalRequest.<ApprovalRequest>findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                    .chain(
                        a -> {
                          if (a == null || !caller.canSee(a.team)) {
                            throw ProblemException.notFound("Approval " + id);
                          }
                          if (!caller.isTechLead(a.team)) {
                            refused[0] = a.team;
                            refused[1] =
                                "Only a tech lead of "
                                    + a.team
                                    + " or a platform admin decides this request.";
                            return Uni.createFrom().<ApprovalRequest>nullItem();
                          }
                          if (a.requestedBySubject.equals(caller.subject())) {
                            refused[0] = a.team;
                            refused[1] = "Nobody approves or rejects their own request.";
                            return Uni.createFrom().<ApprovalRequest>nullItem();
                          }
                          if (!ApprovalRequest.PENDING.equals(a.state)) {
                            throw ProblemException.conflict(
                                "Approval " + id + " was already " + a.state.toLowerCase() + ".");
                          }
                          if (!a.expiresAt.isAfter(Instant.now())) {
                            // Recorded as expired (committed), then answered 409.
                            expired[0] = "Approval " + id + " expired at " + a.expiresAt + ".";
                            return close(a, false, SYSTEM, "expiry", "expired", changed);
                          }
                          return close(
                              a,
                              approve,
                              new Actor(caller.subject(), caller.username()),
                              channel,
                              reason,
                              changed);
                        }))
        .chain(
            a -> {
              if (a == null) {
                return access
                    .audit(
                        caller,
                        refused[0],
                        null,
                        "approval.decide",
                        "POST",
                        "/api/v1/approvals/" + id + (approve ? "/approve" : "/reject"),
                        403,
                        refused[1])
                    .chain(() -> Uni.createFrom().failure(ProblemException.forbidden(refused[1])));
              }
              publish(changed[0]);
              ApprovalView view = ApprovalView.of(a);
              if (expired[0] != null) {
                notifier.notify("approval.rejected", view);
                return Uni.createFrom().failure(ProblemException.conflict(expired[0]));
              }
              notifier.notify(approve ? "approval.granted" : "approval.rejected", view);
              return Uni.createFrom().item(view);
            });
  }

  /** Rejects every pending request past its expiry (every replica may run it: rows are locked). */
  @Scheduled(
      every = "${slipway.approvals.sweep-every:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> expire() {
    List<Operation> changed = new ArrayList<>();
    List<ApprovalRequest> expired = new ArrayList<>();
    return Panache.withTransaction(
            () ->
                ApprovalRequest.<ApprovalRequest>find(
                        "state = ?1 and expiresAt <= ?2", ApprovalRequest.PENDING, Instant.now())
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .list()
                    .chain(
                        rows -> {
                          Uni<Void> all = Uni.createFrom().voidItem();
                          for (ApprovalRequest a : rows) {
                            Operation[] op = new Operation[1];
                            all =
                                all.chain(
                                    () ->
                                        close(a, false, SYSTEM, "expiry", "expired", op)
                                            .invoke(
                                                () -> {
                                                  expired.add(a);
                                                  changed.add(op[0]);
                                                })
                                            .replaceWithVoid());
                          }
                          return all;
                        }))
        .invoke(
            () -> {
              changed.forEach(this::publish);
              expired.forEach(a -> notifier.notify("approval.rejected", ApprovalView.of(a)));
              if (!expired.isEmpty()) {
                LOG.infof("%d approval request(s) expired", expired.size());
              }
            })
        .onFailure()
        .invoke(f -> LOG.warnf("approval expiry pass failed, next pass retries: %s", f.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<ApprovalRequest> close(
      ApprovalRequest a,
      boolean approve,
      Actor decider,
      String channel,
      String reason,
      Operation[] changed) {
    Instant now = Instant.now();
    a.state = approve ? ApprovalRequest.APPROVED : ApprovalRequest.REJECTED;
    a.decidedBy = decider.username();
    a.channel = channel;
    a.reason = reason;
    a.decidedAt = now;
    Actor requester = new Actor(a.requestedBySubject, a.requestedBy);
    return Operation.<Operation>findById(a.operationId)
        .chain(
            op -> {
              op.updatedAt = now;
              changed[0] = op;
              if (approve) {
                op.state = OperationState.PENDING;
                op.detail = "approved by " + decider.username();
                SlipwayEvent command =
                    EventJson.read(
                        EventCatalog.byCeType(a.commandType)
                            .orElseThrow(
                                () -> new IllegalStateException("unknown type " + a.commandType)),
                        a.command);
                return outbox
                    .append(command)
                    .chain(
                        () ->
                            outbox.append(
                                new ApprovalGranted(
                                    a.id.toString(),
                                    a.operationId.toString(),
                                    a.team,
                                    a.environment,
                                    a.action,
                                    a.target,
                                    a.planHash,
                                    requester,
                                    decider,
                                    channel,
                                    now)));
              }
              op.state = OperationState.REJECTED;
              op.detail =
                  "expired".equals(reason)
                      ? "nobody approved it before " + a.expiresAt
                      : "rejected by "
                          + decider.username()
                          + (reason == null || reason.isBlank() ? "" : ": " + reason);
              return outbox.append(
                  new ApprovalRejected(
                      a.id.toString(),
                      a.operationId.toString(),
                      a.team,
                      a.environment,
                      a.action,
                      a.target,
                      a.planHash,
                      requester,
                      decider,
                      channel,
                      reason == null ? "" : reason,
                      now));
            })
        .replaceWith(a);
  }

  private void publish(Operation op) {
    if (op != null) {
      updates.publish(OperationView.of(op));
    }
  }
}
