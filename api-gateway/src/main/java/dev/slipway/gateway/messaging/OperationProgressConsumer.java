package dev.slipway.gateway.messaging;

import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.DeployCompleted;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRolloutProgressed;
import dev.slipway.events.EnvironmentCloneCompleted;
import dev.slipway.events.EnvironmentCloneProgressed;
import dev.slipway.events.EnvironmentCloned;
import dev.slipway.events.EnvironmentCreated;
import dev.slipway.events.EnvironmentDeleted;
import dev.slipway.events.EnvironmentFailed;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.TeamQuotaChangeFailed;
import dev.slipway.events.TeamQuotaChanged;
import dev.slipway.gateway.config.ProgressConfig;
import dev.slipway.gateway.domain.OperationState;
import dev.slipway.gateway.persistence.Operation;
import dev.slipway.gateway.service.EnvironmentLookup;
import dev.slipway.gateway.service.OperationUpdates;
import dev.slipway.gateway.service.OperationView;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.inbox.IncomingEvent;
import dev.slipway.kit.inbox.KeyedLanes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves operations to their end state as the owning services report results. Results of different
 * aggregates (apps, environments) are handled at once; one aggregate's in arrival order, so an
 * operation's results (all keyed by its app or environment) never overtake one another.
 */
@ApplicationScoped
public class OperationProgressConsumer {

  static final String CONSUMER = "api-gateway.operation-progress";
  private static final Logger LOG = Logger.getLogger(OperationProgressConsumer.class);

  private final Inbox inbox;
  private final OperationUpdates updates;
  private final EnvironmentLookup environments;
  private final KeyedLanes lanes;

  public OperationProgressConsumer(
      Inbox inbox,
      OperationUpdates updates,
      EnvironmentLookup environments,
      ProgressConfig config,
      Vertx vertx) {
    this.inbox = inbox;
    this.updates = updates;
    this.environments = environments;
    this.lanes = new KeyedLanes(vertx, config.concurrentEvents());
  }

  @Incoming("operation-progress")
  public Uni<Void> consume(Message<String> message) {
    return lanes.submit(message, () -> EventHandling.handle(message, this::progress));
  }

  private Uni<Void> progress(IncomingEvent event) {
    if (event.is(EventCatalog.ENVIRONMENT_DELETED)) {
      EnvironmentDeleted deleted = event.as(EventCatalog.ENVIRONMENT_DELETED);
      return environments
          .forget(deleted.team(), deleted.environment())
          .chain(() -> record(event, outcome(event)));
    }
    if (event.is(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED)) {
      return rollout(event.id(), event.as(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED));
    }
    if (event.is(EventCatalog.DEPLOY_COMPLETED) && LOG.isDebugEnabled()) {
      // The way back of a deploy (outbox relay, Kafka, this update), for bench/README.md.
      DeployCompleted done = event.as(EventCatalog.DEPLOY_COMPLETED);
      return record(event, outcome(event))
          .invoke(
              () ->
                  LOG.debugf(
                      "operation=%s SUCCEEDED %d ms after deploy-service recorded it",
                      done.operationId(),
                      Duration.between(done.completedAt(), Instant.now()).toMillis()));
    }
    return record(event, outcome(event));
  }

  private Uni<Void> record(IncomingEvent event, Outcome outcome) {
    if (outcome == null) {
      return Uni.createFrom().voidItem();
    }
    Operation[] changed = new Operation[1];
    return inbox
        .once(
            CONSUMER,
            event.id(),
            () ->
                Operation.<Operation>findById(UUID.fromString(outcome.operationId()))
                    .chain(
                        op -> {
                          // An operation of another gateway database (or one wiped) is not ours.
                          if (op == null || op.state.terminal()) {
                            return Uni.createFrom().voidItem();
                          }
                          op.state = outcome.state();
                          op.detail = outcome.detail();
                          op.errors = outcome.errors();
                          op.result = keepPreviewUrl(op.result, outcome.result());
                          op.updatedAt = Instant.now();
                          changed[0] = op;
                          return Uni.createFrom().voidItem();
                        }))
        .invoke(
            () -> {
              if (changed[0] != null) {
                updates.publish(OperationView.of(changed[0]));
              }
            });
  }

  private static Outcome outcome(IncomingEvent event) {
    if (event.is(EventCatalog.DEPLOY_COMPLETED)) {
      DeployCompleted done = event.as(EventCatalog.DEPLOY_COMPLETED);
      return new Outcome(
          done.operationId(),
          OperationState.SUCCEEDED,
          "revision "
              + done.revision()
              + " of "
              + done.app()
              + " applied ("
              + done.resources().size()
              + " objects)",
          null,
          json(Map.of("revision", done.revision(), "resources", done.resources())));
    }
    if (event.is(EventCatalog.DEPLOY_FAILED)) {
      DeployFailed failed = event.as(EventCatalog.DEPLOY_FAILED);
      return new Outcome(
          failed.operationId(),
          OperationState.FAILED,
          failed.reason(),
          json(failed.errors()),
          null);
    }
    if (event.is(EventCatalog.BUILD_STARTED)) {
      BuildStarted started = event.as(EventCatalog.BUILD_STARTED);
      return new Outcome(
          started.operationId(),
          OperationState.RUNNING,
          "BUILDING "
              + started.image()
              + " from "
              + started.gitRepo()
              + (started.revision() == null ? "" : " at " + started.revision()),
          null,
          json(
              Map.of(
                  "buildId", started.buildId(),
                  "engine", started.engine(),
                  "image", started.image())));
    }
    if (event.is(EventCatalog.BUILD_SUCCEEDED)) {
      BuildSucceeded built = event.as(EventCatalog.BUILD_SUCCEEDED);
      return new Outcome(
          built.operationId(),
          OperationState.RUNNING,
          "DEPLOYING " + built.image(),
          null,
          json(Map.of("buildId", built.buildId(), "image", built.image())));
    }
    if (event.is(EventCatalog.ENVIRONMENT_CREATED)) {
      EnvironmentCreated created = event.as(EventCatalog.ENVIRONMENT_CREATED);
      return new Outcome(
          created.operationId(),
          OperationState.SUCCEEDED,
          "environment " + created.environment() + " ready in namespace " + created.namespace(),
          null,
          json(Map.of("namespace", created.namespace(), "kind", created.kind())));
    }
    if (event.is(EventCatalog.ENVIRONMENT_DELETED)) {
      EnvironmentDeleted deleted = event.as(EventCatalog.ENVIRONMENT_DELETED);
      return new Outcome(
          deleted.operationId(),
          OperationState.SUCCEEDED,
          "environment "
              + deleted.environment()
              + " deleted ("
              + deleted.removed().size()
              + " objects removed)",
          null,
          json(Map.of("namespace", deleted.namespace(), "removed", deleted.removed())));
    }
    if (event.is(EventCatalog.ENVIRONMENT_CLONED)) {
      EnvironmentCloned cloned = event.as(EventCatalog.ENVIRONMENT_CLONED);
      return new Outcome(
          cloned.operationId(),
          OperationState.RUNNING,
          "namespace " + cloned.namespace() + " ready; deploying the apps of " + cloned.source(),
          null,
          json(Map.of("namespace", cloned.namespace())));
    }
    if (event.is(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED)) {
      EnvironmentCloneProgressed progress = event.as(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED);
      return new Outcome(
          progress.operationId(),
          OperationState.RUNNING,
          progress.applied()
              + " of "
              + progress.total()
              + " apps applied (last: "
              + progress.app()
              + ")",
          null,
          json(
              Map.of(
                  "applied", progress.applied(),
                  "total", progress.total(),
                  "app", progress.app(),
                  "revision", progress.revision())));
    }
    if (event.is(EventCatalog.ENVIRONMENT_CLONE_COMPLETED)) {
      EnvironmentCloneCompleted done = event.as(EventCatalog.ENVIRONMENT_CLONE_COMPLETED);
      return new Outcome(
          done.operationId(),
          OperationState.SUCCEEDED,
          "environment "
              + done.environment()
              + " cloned from "
              + done.source()
              + " with "
              + done.apps().size()
              + " apps",
          null,
          json(Map.of("source", done.source(), "apps", done.apps())));
    }
    if (event.is(EventCatalog.TEAM_QUOTA_CHANGED)) {
      TeamQuotaChanged changed = event.as(EventCatalog.TEAM_QUOTA_CHANGED);
      return new Outcome(
          changed.operationId(),
          OperationState.SUCCEEDED,
          "quota of "
              + changed.team()
              + " changed; the ResourceQuotas of "
              + changed.environments().size()
              + " environments follow it",
          null,
          json(
              Map.of(
                  "previous", changed.previous(),
                  "quota", changed.quota(),
                  "environments", changed.environments())));
    }
    if (event.is(EventCatalog.TEAM_QUOTA_CHANGE_FAILED)) {
      TeamQuotaChangeFailed failed = event.as(EventCatalog.TEAM_QUOTA_CHANGE_FAILED);
      return new Outcome(failed.operationId(), OperationState.FAILED, failed.reason(), null, null);
    }
    if (event.is(EventCatalog.ENVIRONMENT_FAILED)) {
      EnvironmentFailed failed = event.as(EventCatalog.ENVIRONMENT_FAILED);
      return new Outcome(failed.operationId(), OperationState.FAILED, failed.reason(), null, null);
    }
    return null;
  }

  /**
   * The rollout of what a deploy applied, after the deploy's own result: {@code result.rollout}
   * shows its state, and a failed rollout fails the operation (a SUCCEEDED apply included).
   */
  private Uni<Void> rollout(String eventId, DeployRolloutProgressed rollout) {
    Operation[] changed = new Operation[1];
    return inbox
        .once(
            CONSUMER,
            eventId,
            () ->
                Operation.<Operation>findById(UUID.fromString(rollout.operationId()))
                    .chain(
                        op -> {
                          if (op == null
                              || op.state == OperationState.FAILED
                              || op.state == OperationState.REJECTED) {
                            return Uni.createFrom().voidItem();
                          }
                          op.result = withRollout(op.result, rollout);
                          if ("FAILED".equals(rollout.state())) {
                            op.state = OperationState.FAILED;
                            op.detail =
                                "revision "
                                    + rollout.revision()
                                    + " of "
                                    + rollout.app()
                                    + " was applied but did not roll out: "
                                    + rollout.detail();
                          }
                          op.updatedAt = Instant.now();
                          changed[0] = op;
                          return Uni.createFrom().voidItem();
                        }))
        .invoke(
            () -> {
              if (changed[0] != null) {
                updates.publish(OperationView.of(changed[0]));
              }
            });
  }

  private static String withRollout(String result, DeployRolloutProgressed rollout) {
    com.fasterxml.jackson.databind.node.ObjectNode merged;
    try {
      merged =
          result == null
              ? EventJson.mapper().createObjectNode()
              : (com.fasterxml.jackson.databind.node.ObjectNode)
                  EventJson.mapper().readTree(result);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
      merged = EventJson.mapper().createObjectNode();
    }
    merged
        .putObject("rollout")
        .put("revision", rollout.revision())
        .put("state", rollout.state())
        .put("detail", rollout.detail());
    return merged.toString();
  }

  /** A preview's URL, set when its operation was accepted, survives the results that follow. */
  private static String keepPreviewUrl(String before, String after) {
    if (before == null || !before.contains("previewUrl")) {
      return after;
    }
    try {
      var url = EventJson.mapper().readTree(before).path("previewUrl");
      if (!url.isTextual()) {
        return after;
      }
      var merged =
          after == null
              ? EventJson.mapper().createObjectNode()
              : (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().readTree(after);
      merged.put("previewUrl", url.asText());
      return merged.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return after;
    }
  }

  private static String json(Object value) {
    return EventJson.mapper().valueToTree(value).toString();
  }

  private record Outcome(
      String operationId, OperationState state, String detail, String errors, String result) {
    Outcome {
      UUID.fromString(operationId);
    }
  }
}
