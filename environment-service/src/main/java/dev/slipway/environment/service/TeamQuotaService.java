package dev.slipway.environment.service;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.environment.domain.QuotaChange;
import dev.slipway.environment.domain.TeamQuota;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.events.TeamQuotaChangeFailed;
import dev.slipway.events.TeamQuotaChangeRequested;
import dev.slipway.events.TeamQuotaChanged;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.reactive.BlockingCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A team's quota: what it is (the team's own values, else the platform's defaults per kind), the
 * review of a proposed change (the gateway asks before it accepts or holds one), and the change
 * itself from a TeamQuotaChangeRequested: the ResourceQuota of every environment of the team
 * follows, then the new values, the processed-event claim and TeamQuotaChanged commit together.
 */
@ApplicationScoped
public class TeamQuotaService {

  public static final String CONSUMER = "environment-service.quota";

  private static final Logger LOG = Logger.getLogger(TeamQuotaService.class);

  private final TeamQuotaStore quotas;
  private final EnvironmentStore environments;
  private final EnvironmentCluster cluster;
  private final EnvironmentsConfig config;
  private final Inbox inbox;
  private final Outbox outbox;
  private final BlockingCalls blocking;
  private final Clock clock;

  public TeamQuotaService(
      TeamQuotaStore quotas,
      EnvironmentStore environments,
      EnvironmentCluster cluster,
      EnvironmentsConfig config,
      Inbox inbox,
      Outbox outbox,
      BlockingCalls blocking,
      Clock clock) {
    this.quotas = quotas;
    this.environments = environments;
    this.cluster = cluster;
    this.config = config;
    this.inbox = inbox;
    this.outbox = outbox;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The platform's limit per environment, which no team's quota exceeds. */
  public EnvironmentQuota limits() {
    return config.quotaLimits().toEnvironmentQuota();
  }

  public Uni<TeamQuota> current(String team) {
    return Panache.withSession(() -> inForce(team));
  }

  /** The quota in force, in the caller's session: every kind, the team's own or the default. */
  Uni<TeamQuota> inForce(String team) {
    return quotas
        .find(team)
        .map(
            own -> {
              Map<EnvironmentKind, EnvironmentQuota> kinds = new EnumMap<>(EnvironmentKind.class);
              for (EnvironmentKind kind : EnvironmentKind.values()) {
                kinds.put(kind, own.kinds().getOrDefault(kind, config.quotaFor(kind)));
              }
              return new TeamQuota(team, kinds, own.changedBy(), own.changedAt());
            });
  }

  /** What a proposal would change, or every field's reason why it cannot. */
  public Uni<QuotaChange.Review> review(String team, Map<String, Map<String, String>> proposed) {
    return current(team)
        .map(current -> QuotaChange.review(team, current.kinds(), proposed, limits()));
  }

  public Uni<Void> change(String eventId, TeamQuotaChangeRequested request) {
    return Panache.withSession(() -> precheck(eventId, request))
        .chain(
            precheck -> {
              if (precheck == null) {
                return Uni.createFrom().voidItem();
              }
              Uni<Optional<String>> applied =
                  precheck.refusal() != null
                      ? Uni.createFrom().item(Optional.of(precheck.refusal()))
                      : blocking.call(
                          () ->
                              cluster.applyQuotas(
                                  precheck.environments().stream().map(Environment::spec).toList(),
                                  precheck.change().to()));
              return applied.chain(refusal -> record(eventId, request, precheck, refusal));
            });
  }

  /** Null when processed before; otherwise the change, or why it is refused before any apply. */
  private Uni<Precheck> precheck(String eventId, TeamQuotaChangeRequested request) {
    String team = request.team();
    return inbox
        .seen(CONSUMER, eventId)
        .chain(
            seen -> {
              if (seen) {
                return Uni.createFrom().nullItem();
              }
              return inForce(team)
                  .chain(
                      current -> {
                        var review =
                            QuotaChange.review(
                                team, current.kinds(), proposal(request.quota()), limits());
                        if (review instanceof QuotaChange.Review.Invalid invalid) {
                          return Uni.createFrom()
                              .item(Precheck.refuse("the quota is invalid: " + reasons(invalid)));
                        }
                        QuotaChange change = ((QuotaChange.Review.Valid) review).change();
                        if (!change.hash().equals(request.changeHash())) {
                          return Uni.createFrom()
                              .item(
                                  Precheck.refuse(
                                      "the quota of "
                                          + team
                                          + " changed since this change was reviewed; request it"
                                          + " again"));
                        }
                        return environments
                            .list(team)
                            .map(
                                all ->
                                    new Precheck(
                                        change,
                                        all.stream()
                                            .filter(e -> e.status() == EnvironmentStatus.READY)
                                            .toList(),
                                        null));
                      });
            });
  }

  private Uni<Void> record(
      String eventId,
      TeamQuotaChangeRequested request,
      Precheck precheck,
      Optional<String> refusal) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CONSUMER, eventId)
                .chain(
                    fresh -> {
                      if (!fresh) {
                        return Uni.createFrom().voidItem();
                      }
                      if (refusal.isPresent()) {
                        LOG.infof(
                            "operation=%s team=%s quota change refused: %s",
                            request.operationId(), request.team(), refusal.get());
                        return outbox
                            .append(
                                new TeamQuotaChangeFailed(
                                    request.operationId(), request.team(), refusal.get(), now))
                            .replaceWithVoid();
                      }
                      QuotaChange change = precheck.change();
                      List<String> names =
                          precheck.environments().stream().map(Environment::name).toList();
                      LOG.infof(
                          "operation=%s team=%s quota changed %s in %s",
                          request.operationId(), request.team(), change.differences(), names);
                      return quotas
                          .save(request.team(), change.to(), request.actor().username(), now)
                          .chain(
                              () ->
                                  outbox.append(
                                      new TeamQuotaChanged(
                                          request.operationId(),
                                          request.team(),
                                          wire(change.from()),
                                          wire(change.to()),
                                          names,
                                          request.actor(),
                                          now)))
                          .replaceWithVoid();
                    }));
  }

  /** The command's whole quota as a proposal: every value goes through the same checks. */
  private static Map<String, Map<String, String>> proposal(Map<String, EnvironmentQuota> quota) {
    Map<String, Map<String, String>> proposed = new LinkedHashMap<>();
    quota.forEach(
        (kind, q) -> {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("cpu", q.cpu());
          values.put("memory", q.memory());
          values.put("pods", Integer.toString(q.pods()));
          values.put("storage", q.storage());
          proposed.put(kind, values);
        });
    return proposed;
  }

  /** Keyed by the kind's wire name, in the kinds' order. */
  public static Map<String, EnvironmentQuota> wire(Map<EnvironmentKind, EnvironmentQuota> quota) {
    Map<String, EnvironmentQuota> wire = new LinkedHashMap<>();
    for (EnvironmentKind kind : EnvironmentKind.values()) {
      if (quota.containsKey(kind)) {
        wire.put(kind.wire(), quota.get(kind));
      }
    }
    return wire;
  }

  private static String reasons(QuotaChange.Review.Invalid invalid) {
    return invalid.errors().stream()
        .map(e -> e.field() + " " + e.reason())
        .collect(Collectors.joining("; "));
  }

  private record Precheck(QuotaChange change, List<Environment> environments, String refusal) {
    static Precheck refuse(String reason) {
      return new Precheck(null, List.of(), reason);
    }
  }
}
