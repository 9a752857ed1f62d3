package dev.slipway.deploy.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Actor;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.events.spec.GitSource;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Builds from source, then deploys what was built. A build starts from a deploy of a spec with
 * {@code gitRepo} or from a BuildRequested (API, git push); its objects (a Job, or Shipwright's
 * Build and BuildRun) are applied, and the build is recorded with BuildStarted in one transaction
 * with the processed event's id. Running builds are checked ({@link #checkRunning}); a success
 * records BuildSucceeded and a DeployRequested of the image by digest for the same operation, so
 * the deploy goes the ordinary way (golden path, guard rails, revision); a failure ends the
 * operation with DeployFailed and the reason.
 *
 * <p>The build id comes from the event id, so a crash between apply and commit re-applies the same
 * objects on redelivery (a no-op) and the build is recorded once.
 */
@ApplicationScoped
public class BuildService {

  static final String CONSUMER = "deploy-service.builds";
  private static final Logger LOG = Logger.getLogger(BuildService.class);

  private final Inbox inbox;
  private final Outbox outbox;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;
  private final BuildCluster cluster;
  private final BuildConfig config;

  public BuildService(
      Inbox inbox,
      Outbox outbox,
      ServerSideApplier applier,
      BlockingCalls blocking,
      BuildCluster cluster,
      BuildConfig config) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.applier = applier;
    this.blocking = blocking;
    this.cluster = cluster;
    this.config = config;
  }

  /** What a build is for, whichever event asked for it. */
  record Command(
      String eventId,
      String operationId,
      String team,
      String environment,
      EnvironmentKind kind,
      String app,
      Actor requestedBy) {
    Command withKind(EnvironmentKind known) {
      return new Command(eventId, operationId, team, environment, known, app, requestedBy);
    }
  }

  /** True when the spec is built from source rather than deployed from an image. */
  public static boolean fromSource(ObjectNode spec) {
    return BuildSource.of(spec).isPresent();
  }

  /** A deploy of a spec with gitRepo: build the repository's default branch, then deploy. */
  public Uni<Void> buildThenDeploy(String eventId, DeployRequested request) {
    Command command =
        new Command(
            eventId,
            request.operationId(),
            request.team(),
            request.environment(),
            request.environmentKind(),
            request.app(),
            request.requestedBy());
    return unlessSeen(eventId, () -> start(command, request.spec(), null));
  }

  /** Builds an app again from the source it was last built from, at the given ref or commit. */
  public Uni<Void> rebuild(String eventId, BuildRequested request) {
    Command command =
        new Command(
            eventId,
            request.operationId(),
            request.team(),
            request.environment(),
            request.environmentKind(),
            request.app(),
            request.requestedBy());
    List<FieldError> invalid = GitSource.checkRevision(request.ref(), request.commit());
    if (!invalid.isEmpty()) {
      return unlessSeen(eventId, () -> fail(command, "the build request is invalid", invalid));
    }
    String revision = request.commit() != null ? request.commit() : request.ref();
    return unlessSeen(
        eventId,
        () ->
            Panache.withSession(
                    () -> Build.latest(request.team(), request.environment(), request.app()))
                .chain(
                    last -> {
                      if (last == null) {
                        return fail(
                            command,
                            request.app()
                                + " has not been deployed from a git repository here:"
                                + " deploy a spec with gitRepo first",
                            List.of(new FieldError("app", "has no git source")));
                      }
                      EnvironmentKind kind = EnvironmentKind.fromWire(last.environmentKind);
                      if (request.environmentKind() == null && kind == EnvironmentKind.PRODUCTION) {
                        // A push carries no kind: it never stands in for a production deploy.
                        return fail(
                            command,
                            "a git push does not build into production: "
                                + request.team()
                                + "/"
                                + request.environment()
                                + " is production",
                            List.of(new FieldError("environment", "is production")));
                      }
                      Command known =
                          request.environmentKind() != null ? command : command.withKind(kind);
                      return start(known, spec(last), revision);
                    }));
  }

  private Uni<Void> unlessSeen(String eventId, Supplier<Uni<Void>> work) {
    return Panache.withSession(() -> inbox.seen(CONSUMER, eventId))
        .chain(seen -> seen ? Uni.createFrom().voidItem() : work.get());
  }

  private sealed interface Start permits Started, Refused {}

  private record Started(BuildTarget target, String engine) implements Start {}

  private record Refused(String reason, List<FieldError> errors) implements Start {}

  private Uni<Void> start(Command command, ObjectNode spec, String revision) {
    BuildSource source = BuildSource.of(spec).orElseThrow();
    if (config.registry().isEmpty()) {
      return fail(
          command,
          "this platform has no image registry for builds (slipway.build.registry is not set)",
          List.of());
    }
    if (source.buildpack() != null && !config.builders().containsKey(source.buildpack())) {
      return fail(
          command,
          "buildpack " + source.buildpack() + " is not offered by this platform",
          List.of(
              new FieldError(
                  "buildpack", "must be one of " + String.join(", ", config.builders().keySet()))));
    }
    BuildTarget target =
        new BuildTarget(
            UUID.nameUUIDFromBytes(("build:" + command.eventId()).getBytes(StandardCharsets.UTF_8)),
            command.team(),
            command.environment(),
            command.app(),
            source,
            revision,
            config.registry().get());
    return blocking
        .call(() -> apply(target))
        .chain(
            outcome ->
                outcome instanceof Started started
                    ? record(command, spec, started)
                    : fail(command, ((Refused) outcome).reason(), ((Refused) outcome).errors()));
  }

  private Start apply(BuildTarget target) {
    String engine = engine();
    try {
      applier.applyAll(cluster.objects(engine, target, BuildSettings.of(config)));
      return new Started(target, engine);
    } catch (ApplyException e) {
      return new Refused("the build could not be started: " + e.getMessage(), e.errors());
    }
  }

  private String engine() {
    return switch (config.engine()) {
      case JOB -> BuildCluster.JOB;
      case SHIPWRIGHT -> BuildCluster.SHIPWRIGHT;
      case AUTO -> cluster.shipwrightServed() ? BuildCluster.SHIPWRIGHT : BuildCluster.JOB;
    };
  }

  private Uni<Void> record(Command command, ObjectNode spec, Started started) {
    BuildTarget target = started.target();
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, command.eventId())
                .chain(
                    fresh -> {
                      if (!fresh) {
                        return Uni.createFrom().voidItem();
                      }
                      Build build = new Build();
                      build.id = target.buildId();
                      build.operationId = UUID.fromString(command.operationId());
                      build.team = command.team();
                      build.environment = command.environment();
                      build.environmentKind =
                          command.kind() == null ? "development" : command.kind().wire();
                      build.app = command.app();
                      build.spec = spec.toString();
                      build.engine = started.engine();
                      build.objectName = target.objectName();
                      build.gitRepo = target.source().gitRepo();
                      build.revision = target.revision();
                      build.image = target.image();
                      build.state = Build.BUILDING;
                      build.requestedSubject = command.requestedBy().subject();
                      build.requestedUsername = command.requestedBy().username();
                      build.createdAt = now;
                      build.updatedAt = now;
                      LOG.infof(
                          "operation=%s team=%s env=%s app=%s build %s started (%s %s) for %s",
                          command.operationId(),
                          command.team(),
                          command.environment(),
                          command.app(),
                          build.id,
                          build.engine,
                          build.objectName,
                          build.image);
                      return build
                          .persist()
                          .chain(
                              () ->
                                  outbox.append(
                                      new BuildStarted(
                                          command.operationId(),
                                          command.team(),
                                          command.environment(),
                                          command.app(),
                                          build.id.toString(),
                                          build.engine,
                                          build.objectName,
                                          build.gitRepo,
                                          build.revision,
                                          build.image,
                                          now)))
                          .replaceWithVoid();
                    }));
  }

  private Uni<Void> fail(Command command, String reason, List<FieldError> errors) {
    LOG.infof(
        "operation=%s team=%s env=%s app=%s build refused: %s",
        command.operationId(), command.team(), command.environment(), command.app(), reason);
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, command.eventId())
                .chain(
                    fresh ->
                        fresh
                            ? outbox
                                .append(
                                    new DeployFailed(
                                        command.operationId(),
                                        command.team(),
                                        command.environment(),
                                        command.app(),
                                        reason,
                                        errors,
                                        Instant.now()))
                                .replaceWithVoid()
                            : Uni.createFrom().voidItem()));
  }

  /** Looks at every running build once; those that ended go on to their deploy or fail. */
  public Uni<Void> checkRunning() {
    return Panache.withSession(Build::running)
        .onItem()
        .transformToMulti(builds -> Multi.createFrom().iterable(builds))
        .onItem()
        .transformToUniAndConcatenate(this::check)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> check(Build build) {
    return blocking
        .call(() -> status(build))
        .chain(
            result -> {
              if (result instanceof BuildResult.Succeeded succeeded) {
                return succeed(build, succeeded.digest());
              }
              if (result instanceof BuildResult.Failed failed) {
                return failBuild(build, failed.reason());
              }
              return Uni.createFrom().voidItem();
            });
  }

  private BuildResult status(Build build) {
    try {
      return cluster.status(
          build.engine,
          dev.slipway.kit.kubernetes.Labels.namespace(build.team, build.environment),
          build.objectName);
    } catch (KubernetesClientException e) {
      // The API server is away or slow: the build is looked at again next time.
      LOG.warnf("build %s: cannot read its status (%s), trying again", build.id, e.getMessage());
      return new BuildResult.Running();
    }
  }

  private Uni<Void> succeed(Build build, String digest) {
    String repository = build.image.substring(0, build.image.lastIndexOf(':'));
    String image = digest == null ? build.image : repository + "@" + digest;
    Instant now = Instant.now();
    ObjectNode deploySpec = BuildSource.deploySpec(spec(build), image);
    return Panache.withTransaction(
        () ->
            Build.finish(build.id, Build.SUCCEEDED, image, null)
                .chain(
                    won -> {
                      if (!won) {
                        return Uni.createFrom().voidItem();
                      }
                      LOG.infof(
                          "operation=%s team=%s env=%s app=%s build %s pushed %s: deploying it",
                          build.operationId,
                          build.team,
                          build.environment,
                          build.app,
                          build.id,
                          image);
                      return outbox
                          .append(
                              new BuildSucceeded(
                                  build.operationId.toString(),
                                  build.team,
                                  build.environment,
                                  build.app,
                                  build.id.toString(),
                                  image,
                                  now))
                          .chain(
                              () ->
                                  outbox.append(
                                      new DeployRequested(
                                          build.operationId.toString(),
                                          build.team,
                                          build.environment,
                                          EnvironmentKind.fromWire(build.environmentKind),
                                          build.app,
                                          deploySpec,
                                          new Actor(
                                              build.requestedSubject, build.requestedUsername),
                                          now)))
                          .replaceWithVoid();
                    }));
  }

  private Uni<Void> failBuild(Build build, String reason) {
    return Panache.withTransaction(
        () ->
            Build.finish(build.id, Build.FAILED, null, reason)
                .chain(
                    won -> {
                      if (!won) {
                        return Uni.createFrom().voidItem();
                      }
                      LOG.infof(
                          "operation=%s team=%s env=%s app=%s build %s failed: %s",
                          build.operationId,
                          build.team,
                          build.environment,
                          build.app,
                          build.id,
                          reason);
                      return outbox
                          .append(
                              new DeployFailed(
                                  build.operationId.toString(),
                                  build.team,
                                  build.environment,
                                  build.app,
                                  "build failed: " + reason,
                                  List.of(),
                                  Instant.now()))
                          .replaceWithVoid();
                    }));
  }

  private static ObjectNode spec(Build build) {
    try {
      return (ObjectNode) EventJson.mapper().readTree(build.spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec of build " + build.id, e);
    }
  }
}
