package dev.slipway.environment.service;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentOverview;
import dev.slipway.environment.domain.EnvironmentStatus;
import dev.slipway.events.Actor;
import dev.slipway.events.EnvironmentDeleteRequested;
import dev.slipway.events.EnvironmentExpiring;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Expires idle non-production environments: {@link #WARNING} before the due time an
 * EnvironmentExpiring, at the due time an EnvironmentDeleteRequested (this service's own delete
 * then tears it down, like a client's). Production and pinned environments are never touched.
 *
 * <p>Due times are computed from the database (last activity, extension, pin), so they survive
 * restarts. Each run locks the rows it looks at ({@code for update skip locked}) and commits the
 * row changes with the events, so several replicas never warn or delete the same one twice.
 */
@ApplicationScoped
public class ExpiryService {

  public static final Duration WARNING = Duration.ofDays(3);
  static final Actor EXPIRY = new Actor("slipway:environment-service", "expiry");

  private static final Logger LOG = Logger.getLogger(ExpiryService.class);

  private final EnvironmentsConfig config;
  private final Outbox outbox;

  public ExpiryService(EnvironmentsConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
  }

  /** One pass at {@code now}: answers how many environments were warned or deleted. */
  public Uni<Integer> run(Instant at) {
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(
                                "select * from environment where kind <> 'production' and not pinned"
                                    + " and status = 'READY' for update skip locked",
                                dev.slipway.environment.persistence.EnvironmentEntity.class)
                            .getResultList())
                .chain(
                    rows ->
                        Multi.createFrom()
                            .iterable(rows)
                            .onItem()
                            .transformToUniAndConcatenate(row -> expire(row, now))
                            .collect()
                            .asList()
                            .map(
                                done ->
                                    (int) done.stream().filter(Boolean::booleanValue).count())));
  }

  private Uni<Boolean> expire(
      dev.slipway.environment.persistence.EnvironmentEntity row, Instant now) {
    Environment environment =
        new Environment(
            row.team,
            row.name,
            EnvironmentKind.fromWire(row.kind),
            row.namespace,
            EnvironmentStatus.valueOf(row.status),
            row.createdAt,
            row.lastActivityAt,
            row.clonedFrom,
            row.pinned,
            row.extendedUntil);
    Instant expiresAt =
        EnvironmentOverview.expiresAt(environment, config.expiry().idleDaysFor(row.team));
    if (expiresAt == null) {
      return Uni.createFrom().item(false);
    }
    if (!now.isBefore(expiresAt)) {
      LOG.infof(
          "team=%s environment=%s idle since %s: deleting", row.team, row.name, row.lastActivityAt);
      row.status = EnvironmentStatus.DELETING.name();
      return outbox
          .append(
              new EnvironmentDeleteRequested(
                  UUID.randomUUID().toString(), row.team, row.name, EXPIRY, now))
          .replaceWith(true);
    }
    Instant warnFrom = expiresAt.minus(WARNING);
    boolean warnedForThisExpiry =
        row.expiryWarnedAt != null && !row.expiryWarnedAt.isBefore(warnFrom);
    if (now.isBefore(warnFrom) || warnedForThisExpiry) {
      return Uni.createFrom().item(false);
    }
    LOG.infof("team=%s environment=%s expires at %s: warning", row.team, row.name, expiresAt);
    row.expiryWarnedAt = now;
    return outbox
        .append(new EnvironmentExpiring(row.team, row.name, row.lastActivityAt, expiresAt, now))
        .replaceWith(true);
  }

  /** Environments a tech lead pins never expire; unpinning lets the idle clock count again. */
  public Uni<Boolean> pin(String team, String name, boolean pinned) {
    return Panache.withTransaction(
        () ->
            dev.slipway.environment.persistence.EnvironmentEntity.update(
                    "pinned = ?1 where team = ?2 and name = ?3", pinned, team, name)
                .map(n -> n > 0));
  }

  /** Pushes the expiry back by {@code days} from whichever is later: now or the current expiry. */
  public Uni<Boolean> extend(String team, String name, int days, Instant now) {
    return Panache.withTransaction(
        () ->
            dev.slipway.environment.persistence.EnvironmentEntity
                .<dev.slipway.environment.persistence.EnvironmentEntity>find(
                    "team = ?1 and name = ?2", team, name)
                .firstResult()
                .map(
                    row -> {
                      if (row == null) {
                        return false;
                      }
                      Environment environment =
                          new Environment(
                              row.team,
                              row.name,
                              EnvironmentKind.fromWire(row.kind),
                              row.namespace,
                              EnvironmentStatus.valueOf(row.status),
                              row.createdAt,
                              row.lastActivityAt,
                              row.clonedFrom,
                              false,
                              row.extendedUntil);
                      Instant current =
                          EnvironmentOverview.expiresAt(
                              environment, config.expiry().idleDaysFor(team));
                      Instant base = current == null || current.isBefore(now) ? now : current;
                      row.extendedUntil =
                          base.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MICROS);
                      return true;
                    }));
  }
}
