package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.build.BuildService;
import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.domain.GuardRailViolation;
import dev.slipway.deploy.domain.KnownSecret;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.kubernetes.model.Patches;
import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.KnownSecrets;
import dev.slipway.deploy.persistence.Revision;
import dev.slipway.events.Actor;
import dev.slipway.events.AppliedResource;
import dev.slipway.events.DeployCompleted;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.spec.AppSpecValidator;
import dev.slipway.kit.inbox.EventHandling.PermanentFailure;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.reactive.BlockingCalls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deploys an app spec: render its golden path (newest version), check the guard rails, check the
 * reviewed plan when one is named, apply all of it or none, then record the revision and announce
 * the result in one transaction with the processed event's id. Rollbacks re-apply a stored
 * revision's manifests the same way.
 *
 * <p>The apply happens before that transaction: server-side apply of the same manifests is a no-op,
 * so a crash between apply and commit re-applies harmlessly on redelivery and the revision is still
 * recorded once.
 */
@ApplicationScoped
public class DeployService {

  static final String CONSUMER = "deploy-service.deploy-requested";
  public static final String PLAN_CHANGED = "the plan changed since it was made";
  private static final Logger LOG = Logger.getLogger(DeployService.class);

  private final Inbox inbox;
  private final Outbox outbox;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;
  private final PlatformCatalog catalog;
  private final Planner planner;
  private final KnownSecrets knownSecrets;
  private final AppSpecValidator validator = new AppSpecValidator();
  private final BuildService builds;

  public DeployService(
      Inbox inbox,
      Outbox outbox,
      ServerSideApplier applier,
      BlockingCalls blocking,
      PlatformCatalog catalog,
      Planner planner,
      KnownSecrets knownSecrets,
      BuildService builds) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.applier = applier;
    this.blocking = blocking;
    this.catalog = catalog;
    this.planner = planner;
    this.knownSecrets = knownSecrets;
    this.builds = builds;
  }

  /** The spec's schema is compiled before the first request, not on an event loop during it. */
  void warmUp(@Observes StartupEvent start) {
    AppSpecValidator.warmUp();
  }

  /** What a deploy or rollback is about, whichever event asked for it. */
  record Command(
      String eventId,
      String operationId,
      String team,
      String environment,
      EnvironmentKind kind,
      String app,
      Actor requestedBy) {
    AppTarget target() {
      return new AppTarget(team, environment, app);
    }
  }

  /** What gets recorded as the new revision. */
  record Applied(
      String spec,
      String effectiveSpec,
      String goldenPath,
      String image,
      List<HasMetadata> manifests,
      Integer rollbackOf,
      SecretCause secretCause) {}

  /** Why a revision was applied without a deploy: a secret's new version. */
  record SecretCause(String secret, int version, String trigger) {}

  private sealed interface Outcome permits Done, Refused {}

  private record Done(Applied applied) implements Outcome {}

  private record Refused(String reason, List<FieldError> errors) implements Outcome {}

  /** A redelivered event finds its id recorded and does nothing; else {@code work} runs. */
  private Uni<Void> unlessSeen(String eventId, java.util.function.Supplier<Uni<Void>> work) {
    return Panache.withSession(() -> inbox.seen(CONSUMER, eventId))
        .chain(seen -> seen ? Uni.createFrom().voidItem() : work.get());
  }

  public Uni<Void> deploy(String eventId, DeployRequested request) {
    Command command =
        new Command(
            eventId,
            request.operationId(),
            request.team(),
            request.environment(),
            request.environmentKind(),
            request.app(),
            request.requestedBy());
    // The gateway validated the spec; a record that skipped it (another producer, a replay) is
    // checked again. Its operation fails, and the record goes to the dead-letter topic.
    List<FieldError> invalid = validator.validate(request.spec());
    if (!invalid.isEmpty()) {
      String reason = "the app spec is invalid: " + describe(invalid);
      return unlessSeen(eventId, () -> fail(command, reason, invalid))
          .chain(() -> Uni.createFrom().failure(new PermanentFailure(reason)));
    }
    // Where a deploy's time goes, logged at DEBUG (bench/README.md, "Deploy throughput").
    long queued = java.time.Duration.between(request.requestedAt(), Instant.now()).toMillis();
    long started = System.nanoTime();
    long[] applied = new long[1];
    if (BuildService.fromSource(request.spec())) {
      // Built first; the build then asks for a deploy of its image (docs/builds.md).
      return builds.buildThenDeploy(eventId, request);
    }
    return unlessSeen(
        eventId,
        () ->
            Panache.withSession(
                    () ->
                        catalog
                            .forSpec(request.spec())
                            .chain(
                                path ->
                                    catalog
                                        .rules()
                                        .chain(
                                            rules ->
                                                knownSecrets
                                                    .of(request.team(), request.environment())
                                                    .chain(
                                                        secrets ->
                                                            isCloneDeploy(request.operationId())
                                                                .map(
                                                                    clone ->
                                                                        new Inputs(
                                                                            path, rules, secrets,
                                                                            clone))))))
                .chain(
                    inputs -> {
                      applied[0] = System.nanoTime();
                      return blocking.call(() -> renderCheckApply(command, request, inputs));
                    })
                .onFailure(ProblemException.class)
                .recoverWithItem(
                    e ->
                        new Refused(
                            "no golden path "
                                + SpecResolver.pathName(request.spec())
                                + (SpecResolver.pathVersion(request.spec()) == null
                                    ? ""
                                    : "@" + SpecResolver.pathVersion(request.spec()))
                                + " is installed on this platform",
                            List.of(
                                new FieldError(
                                    request.spec().has("goldenPath") ? "goldenPath" : "type",
                                    "no such golden path"))))
                .chain(
                    outcome -> {
                      long read = applied[0];
                      long done = System.nanoTime();
                      return finish(command, outcome)
                          .invoke(
                              () ->
                                  LOG.debugf(
                                      "operation=%s accepted %d ms before it was consumed; inputs"
                                          + " read in %d ms, rendered, checked and applied in %d"
                                          + " ms, recorded in %d ms",
                                      command.operationId(),
                                      queued,
                                      (read - started) / 1_000_000,
                                      (done - read) / 1_000_000,
                                      (System.nanoTime() - done) / 1_000_000));
                    }));
  }

  /**
   * Apps deployed into a clone skip the secret reference check: secret-service re-creates the
   * source's secret names and keys on the same EnvironmentCloned, possibly after this deploy, and
   * the references were checked when the source was deployed.
   */
  private static Uni<Boolean> isCloneDeploy(String operationId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from environment_clone_app where deploy_operation_id = :id",
                        Long.class)
                    .setParameter("id", UUID.fromString(operationId))
                    .getSingleResult())
        .map(count -> count > 0);
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; "));
  }

  private record Inputs(
      GoldenPath path,
      PlatformCatalog.RuleSet rules,
      Map<String, KnownSecret> secrets,
      boolean cloneDeploy) {}

  private Outcome renderCheckApply(Command command, DeployRequested request, Inputs inputs) {
    Planner.Rendered rendered;
    try {
      rendered =
          Planner.render(
              command.target(),
              request.spec(),
              inputs.path(),
              inputs.secrets(),
              !inputs.cloneDeploy());
    } catch (RenderException e) {
      return new Refused(e.getMessage(), e.errors());
    } catch (IllegalArgumentException e) {
      return new Refused("the app spec cannot be rendered: " + e.getMessage(), List.of());
    }
    Refused refused = checkGuardRails(command, rendered.manifests(), inputs.rules().rules());
    if (refused != null) {
      return refused;
    }
    if (request.planHash() != null) {
      var diffs = planner.diff(rendered.manifests());
      String fresh = Planner.hash(rendered.manifests(), diffs);
      // Nothing left to change: the planned outcome is live already, as when this very command is
      // redelivered after its apply but before its revision committed (the database stopped, issue
      // 11). Applying is then a no-op, and failing would leave the change live with no revision.
      boolean alreadyLive = diffs.stream().allMatch(d -> "unchanged".equals(d.action()));
      if (!fresh.equals(request.planHash()) && !alreadyLive) {
        return new Refused(
            PLAN_CHANGED,
            List.of(
                new FieldError(
                    "planHash",
                    "the plan of this spec is now "
                        + fresh
                        + ": make a new plan, review it, and deploy with its hash")));
      }
    }
    EffectiveSpec spec = rendered.spec();
    return apply(
        new Applied(
            request.spec().toString(),
            json(spec),
            inputs.path().reference(),
            spec.image(),
            rendered.manifests(),
            null,
            null));
  }

  private Refused checkGuardRails(
      Command command, List<HasMetadata> manifests, List<GuardRail> rules) {
    var facts =
        planner.facts(command.target(), command.kind() == null ? null : command.kind().wire());
    var result = Planner.check(rules, manifests, facts);
    for (GuardRailViolation warning : result.violations()) {
      if (warning.severity() == GuardRail.Severity.WARN) {
        LOG.warnf(
            "operation=%s guard rail %s warns: %s %s",
            command.operationId(), warning.rule(), warning.field(), warning.message());
      }
    }
    if (result.allowed()) {
      return null;
    }
    List<FieldError> errors =
        result.violations().stream()
            .filter(v -> v.severity() == GuardRail.Severity.DENY)
            .map(GuardRailViolation::asFieldError)
            .toList();
    return new Refused(
        "rejected by "
            + errors.size()
            + " guard rail violation(s): "
            + result.violations().stream()
                .filter(v -> v.severity() == GuardRail.Severity.DENY)
                .map(GuardRailViolation::rule)
                .distinct()
                .collect(Collectors.joining(", ")),
        errors);
  }

  private Outcome apply(Applied applied) {
    try {
      // A rendered app's objects do not depend on one another: one round trip, not one per object.
      applier.applyAllConcurrently(applied.manifests());
      return new Done(applied);
    } catch (ApplyException e) {
      return new Refused(e.getMessage(), e.errors());
    }
  }

  public Uni<Void> rollback(String eventId, RollbackRequested request) {
    Command command =
        new Command(
            eventId,
            request.operationId(),
            request.team(),
            request.environment(),
            request.environmentKind(),
            request.app(),
            request.requestedBy());
    return unlessSeen(
        eventId,
        () ->
            Panache.withSession(
                    () ->
                        App.find(request.team(), request.environment(), request.app())
                            .chain(
                                app ->
                                    app == null
                                        ? Uni.createFrom().<Revision>nullItem()
                                        : Revision.of(app.id, request.revision()))
                            .chain(
                                revision ->
                                    catalog
                                        .rules()
                                        .map(rules -> new RollbackInputs(revision, rules))))
                .chain(inputs -> blocking.call(() -> reapply(command, request, inputs)))
                .chain(outcome -> finish(command, outcome)));
  }

  private record RollbackInputs(Revision revision, PlatformCatalog.RuleSet rules) {}

  private Outcome reapply(Command command, RollbackRequested request, RollbackInputs inputs) {
    Revision revision = inputs.revision();
    if (revision == null) {
      return new Refused(
          "revision " + request.revision() + " of " + request.app() + " does not exist",
          List.of(new FieldError("revision", "no such revision")));
    }
    List<HasMetadata> manifests = new ArrayList<>();
    try {
      for (JsonNode tree : EventJson.mapper().readTree(revision.manifests)) {
        manifests.add(Patches.toObject(tree));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored manifests of revision " + revision.id, e);
    }
    // The rules of today apply to what is applied today, even if it passed them before.
    Refused refused = checkGuardRails(command, manifests, inputs.rules().rules());
    if (refused != null) {
      return refused;
    }
    return apply(
        new Applied(
            revision.spec,
            revision.effectiveSpec != null ? revision.effectiveSpec : "{}",
            revision.goldenPath != null ? revision.goldenPath : "unknown",
            revision.image,
            manifests,
            revision.number,
            null));
  }

  private Uni<Void> finish(Command command, Outcome outcome) {
    if (outcome instanceof Done done) {
      return succeed(command, done.applied());
    }
    Refused refused = (Refused) outcome;
    return fail(command, refused.reason(), refused.errors());
  }

  private Uni<Void> succeed(Command command, Applied applied) {
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, command.eventId())
                .chain(
                    fresh ->
                        fresh ? recordRevision(command, applied) : Uni.createFrom().voidItem()));
  }

  Uni<Void> recordRevision(Command command, Applied applied) {
    Instant now = Instant.now();
    boolean rollsOut = applied.manifests().stream().anyMatch(m -> "Deployment".equals(m.getKind()));
    // Locked: two commands for one app (a deploy and a secret roll, or a redelivery during a
    // rebalance) must not both take the same next revision number.
    return App.findForUpdate(command.team(), command.environment(), command.app())
        .chain(
            existing -> {
              App app = existing != null ? existing : new App();
              app.team = command.team();
              app.environment = command.environment();
              app.name = command.app();
              app.spec = applied.spec();
              app.effectiveSpec = applied.effectiveSpec();
              app.goldenPath = applied.goldenPath();
              app.revision = existing == null ? 1 : existing.revision + 1;
              app.status = rollsOut ? AppStatus.PROGRESSING : AppStatus.APPLIED;
              app.statusDetail = null;
              app.updatedAt = now;
              return app.<App>persist();
            })
        .chain(
            app -> {
              var revision = new Revision();
              revision.appId = app.id;
              revision.number = app.revision;
              revision.spec = applied.spec();
              revision.effectiveSpec = applied.effectiveSpec();
              revision.goldenPath = applied.goldenPath();
              revision.manifests = Serialization.asJson(applied.manifests());
              revision.image = applied.image();
              revision.requestedBy = command.requestedBy().username();
              revision.operationId = UUID.fromString(command.operationId());
              revision.rollbackOf = applied.rollbackOf();
              if (applied.secretCause() != null) {
                revision.secretName = applied.secretCause().secret();
                revision.secretVersion = applied.secretCause().version();
                revision.secretTrigger = applied.secretCause().trigger();
              }
              revision.createdAt = now;
              return revision.<Revision>persist().replaceWith(app);
            })
        .chain(
            app -> {
              LOG.infof(
                  "operation=%s team=%s env=%s app=%s revision=%d%s applied %d objects (%s)",
                  command.operationId(),
                  command.team(),
                  command.environment(),
                  command.app(),
                  app.revision,
                  applied.rollbackOf() != null
                      ? " (rollback to " + applied.rollbackOf() + ")"
                      : applied.secretCause() != null
                          ? " (secret "
                              + applied.secretCause().secret()
                              + " version "
                              + applied.secretCause().version()
                              + ")"
                          : "",
                  applied.manifests().size(),
                  applied.goldenPath());
              return outbox.append(
                  new DeployCompleted(
                      command.operationId(),
                      command.team(),
                      command.environment(),
                      command.app(),
                      app.revision,
                      applied.manifests().stream().map(DeployService::appliedResource).toList(),
                      now));
            })
        .replaceWithVoid();
  }

  Uni<Void> fail(Command command, String reason, List<FieldError> errors) {
    LOG.infof(
        "operation=%s team=%s env=%s app=%s failed: %s",
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

  private static AppliedResource appliedResource(HasMetadata object) {
    return new AppliedResource(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  private static String json(Object value) {
    return EventJson.mapper().valueToTree(value).toString();
  }
}
