package dev.slipway.deploy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.kubernetes.model.Patches;
import dev.slipway.deploy.kubernetes.model.PodTemplates;
import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.KnownSecrets;
import dev.slipway.deploy.persistence.Revision;
import dev.slipway.deploy.service.DeployService.Applied;
import dev.slipway.deploy.service.DeployService.Command;
import dev.slipway.deploy.service.DeployService.SecretCause;
import dev.slipway.events.Actor;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.EventJson;
import dev.slipway.events.SecretCreated;
import dev.slipway.events.SecretDeleted;
import dev.slipway.events.SecretRotated;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the projection of secrets current and makes apps roll when a secret they reference gets a
 * new version: each such app's current manifests get the version hash stamped on the pod template
 * ({@code slipway.dev/secret-<name>}) and are applied as a new revision, whose rollout the
 * RolloutWatcher follows. The stamp also goes into the app's effective spec, and later deploys
 * render it from the projection, so a redeploy does not roll the pods back to the old stamp.
 *
 * <p>Applies happen before the transaction that records the revisions with the event's claim:
 * re-applying the same stamped manifests after a crash is a no-op, and the claim makes the
 * revisions once. Jobs are not stamped: their pod template is immutable, and a finished Job does
 * not run again.
 */
@ApplicationScoped
public class SecretRollouts {

  static final String CONSUMER = "deploy-service.secret-facts";
  private static final Logger LOG = Logger.getLogger(SecretRollouts.class);

  private final Inbox inbox;
  private final Outbox outbox;
  private final KnownSecrets knownSecrets;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;
  private final DeployService deployService;

  public SecretRollouts(
      Inbox inbox,
      Outbox outbox,
      KnownSecrets knownSecrets,
      ServerSideApplier applier,
      BlockingCalls blocking,
      DeployService deployService) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.knownSecrets = knownSecrets;
    this.applier = applier;
    this.blocking = blocking;
    this.deployService = deployService;
  }

  /** A new version of one secret, whichever event announced it. */
  record Change(
      String eventId,
      String team,
      String environment,
      String name,
      List<String> keys,
      int version,
      String versionHash,
      boolean needsValue,
      String trigger,
      Actor actor) {}

  /** One app to roll: its row and the manifests of its current revision. */
  private record Target(App app, String manifests, String image) {}

  /** What became of one app: applied (with what to record) or refused by the cluster. */
  private record Result(Target target, Applied applied, ApplyException refused) {}

  public Uni<Void> created(String eventId, SecretCreated created) {
    return change(
        new Change(
            eventId,
            created.team(),
            created.environment(),
            created.name(),
            created.keys(),
            created.version(),
            created.versionHash(),
            created.needsValue(),
            "create",
            created.actor()));
  }

  public Uni<Void> rotated(String eventId, SecretRotated rotated) {
    return change(
        new Change(
            eventId,
            rotated.team(),
            rotated.environment(),
            rotated.name(),
            rotated.keys(),
            rotated.version(),
            rotated.versionHash(),
            false,
            rotated.trigger(),
            rotated.actor()));
  }

  public Uni<Void> deleted(String eventId, SecretDeleted deleted) {
    return inbox.once(
        CONSUMER,
        eventId,
        () -> knownSecrets.remove(deleted.team(), deleted.environment(), deleted.name()));
  }

  private Uni<Void> change(Change change) {
    return Panache.withSession(() -> inbox.seen(CONSUMER, change.eventId()))
        .chain(
            seen -> {
              if (seen) {
                return Uni.createFrom().voidItem();
              }
              return (change.needsValue()
                      ? Uni.createFrom().item(List.<Target>of())
                      : Panache.withSession(() -> targets(change)))
                  .chain(targets -> blocking.call(() -> stampAndApply(change, targets)))
                  .chain(results -> record(change, results));
            });
  }

  private Uni<List<Target>> targets(Change change) {
    return App.list(change.team(), change.environment())
        .chain(
            apps -> {
              List<App> referencing = apps.stream().filter(app -> needsStamp(app, change)).toList();
              Uni<List<Target>> all = Uni.createFrom().item(new ArrayList<>());
              for (App app : referencing) {
                all =
                    all.chain(
                        list ->
                            Revision.of(app.id, app.revision)
                                .map(
                                    revision -> {
                                      if (revision != null) {
                                        list.add(
                                            new Target(app, revision.manifests, revision.image));
                                      }
                                      return list;
                                    }));
              }
              return all;
            });
  }

  /** The app references the secret and does not carry this version's stamp yet. */
  private static boolean needsStamp(App app, Change change) {
    JsonNode effective = tree(app.effectiveSpec);
    boolean references = false;
    for (JsonNode variable : effective.path("env")) {
      references |= change.name().equals(variable.path("secret").asText(null));
    }
    return references
        && !change
            .versionHash()
            .equals(effective.path("secretVersions").path(change.name()).asText(null));
  }

  private List<Result> stampAndApply(Change change, List<Target> targets) {
    List<Result> results = new ArrayList<>();
    for (Target target : targets) {
      List<HasMetadata> manifests = new ArrayList<>();
      boolean stamped = false;
      for (JsonNode object : tree(target.manifests())) {
        stamped |= stamp(object, change.name(), change.versionHash());
        manifests.add(Patches.toObject(object));
      }
      if (!stamped) {
        continue;
      }
      ObjectNode effective = (ObjectNode) tree(target.app().effectiveSpec);
      effective.withObject("/secretVersions").put(change.name(), change.versionHash());
      var applied =
          new Applied(
              target.app().spec,
              effective.toString(),
              target.app().goldenPath,
              target.image(),
              manifests,
              null,
              new SecretCause(change.name(), change.version(), change.trigger()));
      try {
        applier.applyAll(manifests);
        results.add(new Result(target, applied, null));
      } catch (ApplyException e) {
        results.add(new Result(target, applied, e));
      }
    }
    return results;
  }

  /** Stamps the pod template of a workload; false for objects without one (or a Job's). */
  static boolean stamp(JsonNode object, String secret, String versionHash) {
    JsonNode template =
        switch (object.path("kind").asText()) {
          case "Deployment", "StatefulSet", "DaemonSet" -> object.path("spec").path("template");
          case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template");
          default -> null;
        };
    if (!(template instanceof ObjectNode pod)) {
      return false;
    }
    pod.withObject("/metadata/annotations")
        .put(PodTemplates.SECRET_VERSION_PREFIX + secret, versionHash);
    return true;
  }

  private Uni<Void> record(Change change, List<Result> results) {
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, change.eventId())
                .chain(
                    fresh -> {
                      if (!fresh) {
                        return Uni.createFrom().voidItem();
                      }
                      Uni<Void> chain =
                          knownSecrets.put(
                              change.team(),
                              change.environment(),
                              change.name(),
                              change.keys(),
                              change.version(),
                              change.versionHash(),
                              change.needsValue());
                      for (Result result : results) {
                        chain = chain.chain(() -> recordOne(change, result));
                      }
                      return chain;
                    }));
  }

  private Uni<Void> recordOne(Change change, Result result) {
    App app = result.target().app();
    String operationId =
        UUID.nameUUIDFromBytes((change.eventId() + "/" + app.name).getBytes(StandardCharsets.UTF_8))
            .toString();
    if (result.refused() != null) {
      LOG.warnf(
          "operation=%s team=%s env=%s app=%s secret %s version %d not rolled out: %s",
          operationId,
          app.team,
          app.environment,
          app.name,
          change.name(),
          change.version(),
          result.refused().getMessage());
      return outbox
          .append(
              new DeployFailed(
                  operationId,
                  app.team,
                  app.environment,
                  app.name,
                  "secret "
                      + change.name()
                      + " version "
                      + change.version()
                      + " could not be rolled out: "
                      + result.refused().getMessage(),
                  result.refused().errors(),
                  Instant.now()))
          .replaceWithVoid();
    }
    var command =
        new Command(
            change.eventId(),
            operationId,
            app.team,
            app.environment,
            null,
            app.name,
            change.actor());
    return deployService.recordRevision(command, result.applied());
  }

  private static JsonNode tree(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored spec or manifest list is not JSON", e);
    }
  }
}
