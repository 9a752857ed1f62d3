package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.GoldenPathDefaults;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.domain.WorkloadType;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.kubernetes.model.WebGoldenPath;
import dev.slipway.deploy.persistence.App;
import dev.slipway.deploy.persistence.Revision;
import dev.slipway.events.AppliedResource;
import dev.slipway.events.DeployCompleted;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deploys an app spec: render its golden path, apply all of it or none, then record the revision
 * and announce the result in one transaction with the processed event's id.
 *
 * <p>The apply happens before that transaction: server-side apply of the same manifests is a no-op,
 * so a crash between apply and commit re-applies harmlessly on redelivery and the revision is still
 * recorded once.
 */
@ApplicationScoped
public class DeployService {

  static final String CONSUMER = "deploy-service.deploy-requested";
  private static final Logger LOG = Logger.getLogger(DeployService.class);

  private final Inbox inbox;
  private final Outbox outbox;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;
  private final SpecResolver resolver = new SpecResolver(GoldenPathDefaults.WEB_V1);
  private final WebGoldenPath web = new WebGoldenPath(GoldenPathDefaults.WEB_V1);

  public DeployService(
      Inbox inbox, Outbox outbox, ServerSideApplier applier, BlockingCalls blocking) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.applier = applier;
    this.blocking = blocking;
  }

  public Uni<Void> deploy(String eventId, DeployRequested request) {
    return Panache.withSession(() -> inbox.seen(CONSUMER, eventId))
        .chain(seen -> seen ? Uni.createFrom().voidItem() : renderAndApply(eventId, request));
  }

  private Uni<Void> renderAndApply(String eventId, DeployRequested request) {
    var target = new AppTarget(request.team(), request.environment(), request.app());
    EffectiveSpec spec = resolver.resolve(request.spec());
    if (spec.type() != WorkloadType.WEB) {
      return fail(
          eventId,
          request,
          "no golden path for type " + spec.type().wire() + " is installed on this platform",
          List.of(new FieldError("type", "not available")));
    }
    List<HasMetadata> manifests = web.render(target, spec);
    return blocking
        .call(() -> applier.applyAll(manifests))
        .chain(outcomes -> succeed(eventId, request, spec, manifests))
        .onFailure(ApplyException.class)
        .recoverWithUni(
            e -> {
              var rejected = (ApplyException) e;
              return fail(eventId, request, rejected.getMessage(), rejected.errors());
            });
  }

  private Uni<Void> succeed(
      String eventId, DeployRequested request, EffectiveSpec spec, List<HasMetadata> manifests) {
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, eventId)
                .chain(
                    fresh ->
                        fresh
                            ? recordRevision(request, spec, manifests)
                            : Uni.createFrom().voidItem()));
  }

  private Uni<Void> recordRevision(
      DeployRequested request, EffectiveSpec spec, List<HasMetadata> manifests) {
    Instant now = Instant.now();
    return App.find(request.team(), request.environment(), request.app())
        .chain(
            existing -> {
              App app = existing != null ? existing : new App();
              app.team = request.team();
              app.environment = request.environment();
              app.name = request.app();
              app.spec = request.spec().toString();
              app.effectiveSpec = json(spec);
              app.goldenPath = spec.goldenPath();
              app.revision = existing == null ? 1 : existing.revision + 1;
              app.status = "DEPLOYED";
              app.updatedAt = now;
              return app.<App>persist();
            })
        .chain(
            app -> {
              var revision = new Revision();
              revision.appId = app.id;
              revision.number = app.revision;
              revision.spec = app.spec;
              revision.manifests = Serialization.asJson(manifests);
              revision.image = spec.image();
              revision.requestedBy = request.requestedBy().username();
              revision.operationId = UUID.fromString(request.operationId());
              revision.createdAt = now;
              return revision.<Revision>persist().replaceWith(app);
            })
        .chain(
            app -> {
              LOG.infof(
                  "operation=%s team=%s env=%s app=%s revision=%d applied %d objects",
                  request.operationId(),
                  request.team(),
                  request.environment(),
                  request.app(),
                  app.revision,
                  manifests.size());
              return outbox.append(
                  new DeployCompleted(
                      request.operationId(),
                      request.team(),
                      request.environment(),
                      request.app(),
                      app.revision,
                      manifests.stream().map(DeployService::applied).toList(),
                      now));
            })
        .replaceWithVoid();
  }

  private Uni<Void> fail(
      String eventId, DeployRequested request, String reason, List<FieldError> errors) {
    LOG.infof(
        "operation=%s team=%s env=%s app=%s failed: %s",
        request.operationId(), request.team(), request.environment(), request.app(), reason);
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, eventId)
                .chain(
                    fresh ->
                        fresh
                            ? outbox
                                .append(
                                    new DeployFailed(
                                        request.operationId(),
                                        request.team(),
                                        request.environment(),
                                        request.app(),
                                        reason,
                                        errors,
                                        Instant.now()))
                                .replaceWithVoid()
                            : Uni.createFrom().voidItem()));
  }

  private static AppliedResource applied(HasMetadata object) {
    return new AppliedResource(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  private static String json(Object value) {
    JsonNode tree = EventJson.mapper().valueToTree(value);
    return tree.toString();
  }
}
