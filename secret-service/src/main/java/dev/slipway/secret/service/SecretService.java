package dev.slipway.secret.service;

import dev.slipway.events.Actor;
import dev.slipway.events.EnvironmentCloned;
import dev.slipway.events.EnvironmentDeleted;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.SecretCreated;
import dev.slipway.events.SecretDeleted;
import dev.slipway.events.SecretRestoreRequested;
import dev.slipway.events.SecretRevealed;
import dev.slipway.events.SecretRotated;
import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import dev.slipway.secret.crypto.Envelope;
import dev.slipway.secret.crypto.WrappedKey;
import dev.slipway.secret.domain.RotationPolicy;
import dev.slipway.secret.domain.SecretValues;
import dev.slipway.secret.domain.ValueGenerator;
import dev.slipway.secret.persistence.EnvironmentKindEntity;
import dev.slipway.secret.persistence.IdempotentRequests;
import dev.slipway.secret.persistence.SecretEntity;
import dev.slipway.secret.persistence.SecretVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The secret use cases. Each change is one database transaction that also delivers to the backend
 * (Kubernetes or Vault) before it commits: a refused apply rolls the transaction back, and the
 * applier restores what it touched, so nothing is stored half-way. The outbox row commits with the
 * change. Values exist in plaintext only in memory, between the request and the cipher.
 */
@ApplicationScoped
public class SecretService {

  public static final Actor SYSTEM = new Actor("system:secret-service", "secret-service");
  static final String CLONE_CONSUMER = "secret-service.environment-cloned";
  static final String RESTORE_CONSUMER = "secret-service.restore-requested";
  static final String DELETED_CONSUMER = "secret-service.environment-deleted";
  static final String NO_VALUE_HASH = "0000000000000000";
  private static final Logger LOG = Logger.getLogger(SecretService.class);

  private final Envelope envelope;
  private final SecretBackend backend;
  private final Outbox outbox;
  private final Inbox inbox;
  private final ExternalGenerator hook;

  public SecretService(
      Envelope envelope,
      SecretBackend backend,
      Outbox outbox,
      Inbox inbox,
      ExternalGenerator hook) {
    this.envelope = envelope;
    this.backend = backend;
    this.outbox = outbox;
    this.inbox = inbox;
    this.hook = hook;
  }

  // ---- queries -------------------------------------------------------------------------------

  public Uni<List<SecretView>> list(String team, String environment) {
    return Panache.withSession(
        () ->
            SecretEntity.list(team, environment)
                .map(all -> all.stream().map(SecretService::view).toList()));
  }

  public Uni<SecretView> get(String team, String environment, String name) {
    return Panache.withSession(() -> required(team, environment, name, false))
        .map(SecretService::view);
  }

  public Uni<List<VersionView>> history(String team, String environment, String name) {
    return Panache.withSession(
        () ->
            required(team, environment, name, false)
                .chain(secret -> SecretVersion.history(secret.id))
                .map(
                    versions ->
                        versions.stream()
                            .map(
                                v ->
                                    new VersionView(
                                        v.version,
                                        List.of(v.keys),
                                        v.versionHash,
                                        v.trigger,
                                        v.createdBy,
                                        v.createdAt,
                                        v.ciphertext != null))
                            .toList()));
  }

  // ---- changes -------------------------------------------------------------------------------

  public Uni<SecretView> create(
      Actor actor, String team, String environment, SecretCommand command, Optional<String> key) {
    SecretValues values = command.values().orElseThrow();
    return change(
        request(key, team, environment, "create", command.name(), actor),
        () ->
            SecretEntity.find(team, environment, command.name())
                .chain(
                    existing -> {
                      if (existing != null) {
                        throw ProblemException.conflict(
                            "Secret "
                                + team
                                + "/"
                                + environment
                                + "/"
                                + command.name()
                                + " already exists; PUT changes it.");
                      }
                      Instant now = now();
                      var secret = new SecretEntity();
                      secret.team = team;
                      secret.environment = environment;
                      secret.name = command.name();
                      secret.keys = values.keys().toArray(String[]::new);
                      secret.version = 1;
                      secret.createdAt = now;
                      secret.updatedAt = now;
                      command.rotation().flatMap(p -> p).ifPresent(p -> setPolicy(secret, p, now));
                      var sealed = envelope.seal(values, binding(secret, 1));
                      return secret
                          .<SecretEntity>persist()
                          .chain(() -> versionRow(secret, 1, sealed, "create", actor, now))
                          .chain(
                              () ->
                                  outbox.append(
                                      new SecretCreated(
                                          team,
                                          environment,
                                          secret.name,
                                          values.keys(),
                                          1,
                                          sealed.versionHash(),
                                          false,
                                          actor,
                                          now)))
                          .chain(SecretService::flush)
                          .chain(
                              () ->
                                  backend.deliver(
                                      List.of(delivery(secret, sealed.versionHash(), values))))
                          .replaceWith(secret);
                    }));
  }

  public Uni<SecretView> update(
      Actor actor, String team, String environment, SecretCommand command, Optional<String> key) {
    return change(
        request(key, team, environment, "update", command.name(), actor),
        () ->
            required(team, environment, command.name(), true)
                .chain(
                    secret -> {
                      Instant now = now();
                      command
                          .rotation()
                          .ifPresent(
                              policy -> {
                                if (policy.isPresent()) {
                                  setPolicy(secret, policy.get(), now);
                                } else {
                                  clearPolicy(secret);
                                }
                                secret.updatedAt = now;
                              });
                      if (command.values().isEmpty()) {
                        return secret.<SecretEntity>persist();
                      }
                      return newVersion(secret, command.values().get(), "update", actor, now);
                    }));
  }

  public Uni<SecretView> rotate(
      Actor actor, String team, String environment, String name, Optional<String> key) {
    return change(
        request(key, team, environment, "rotate", name, actor),
        () ->
            required(team, environment, name, true)
                .chain(secret -> rotateLocked(secret, "rotate", actor)));
  }

  public Uni<Void> delete(
      Actor actor, String team, String environment, String name, Optional<String> key) {
    return change(
            request(key, team, environment, "delete", name, actor),
            () ->
                required(team, environment, name, true)
                    .chain(
                        secret ->
                            secret
                                .delete()
                                .chain(
                                    () ->
                                        outbox.append(
                                            new SecretDeleted(
                                                team, environment, name, actor, now())))
                                .chain(SecretService::flush)
                                .chain(() -> backend.remove(team, environment, name))
                                .replaceWith(secret)))
        .replaceWithVoid();
  }

  /**
   * The values of the current version, for members of the team in a non-production environment. The
   * audit event commits before the values leave. An environment whose kind is not known yet counts
   * as production.
   */
  public Uni<RevealedSecret> reveal(Caller caller, String team, String environment, String name) {
    return Panache.withTransaction(
            () ->
                EnvironmentKindEntity.<EnvironmentKindEntity>findById(
                        new EnvironmentKindEntity.Key(team, environment))
                    .chain(
                        kind -> {
                          if (kind == null
                              || EnvironmentKind.fromWire(kind.kind)
                                  == EnvironmentKind.PRODUCTION) {
                            throw ProblemException.forbidden(
                                kind == null
                                    ? "The kind of environment "
                                        + team
                                        + "/"
                                        + environment
                                        + " is not known yet, so it counts as production:"
                                        + " values are not shown."
                                    : "Values of production secrets are never shown, to anyone.");
                          }
                          if (!caller.teams().containsKey(team)) {
                            throw ProblemException.forbidden(
                                "Only members of team " + team + " may reveal its secrets.");
                          }
                          return required(team, environment, name, false);
                        })
                    .chain(
                        secret -> {
                          if (secret.needsValue) {
                            throw ProblemException.conflict(
                                "Secret " + name + " has no value yet; PUT sets one.");
                          }
                          return current(secret)
                              .chain(
                                  values ->
                                      outbox
                                          .append(
                                              new SecretRevealed(
                                                  team,
                                                  environment,
                                                  name,
                                                  secret.version,
                                                  actor(caller),
                                                  now()))
                                          .replaceWith(
                                              new RevealedSecret(
                                                  name, secret.version, values.asMap())));
                        }))
        .onFailure()
        .transform(SecretService::problem);
  }

  /** Re-wraps every data key not under the current master key; answers how many. */
  public Uni<Integer> rewrap() {
    String current = envelope.currentKeyId();
    return Panache.withTransaction(
        () ->
            SecretVersion.<SecretVersion>list("wrappedKey is not null and keyId <> ?1", current)
                .chain(
                    versions -> {
                      for (SecretVersion v : versions) {
                        WrappedKey rewrapped =
                            envelope.rewrap(new WrappedKey(v.keyId, v.wrappedKey));
                        v.keyId = rewrapped.keyId();
                        v.wrappedKey = rewrapped.bytes();
                      }
                      LOG.infof(
                          "re-wrapped %d data key(s) under master key %s",
                          versions.size(), current);
                      return Uni.createFrom().item(versions.size());
                    }));
  }

  // ---- scheduled rotation --------------------------------------------------------------------

  /**
   * Rotates one due secret, if any, under a row lock that other replicas skip: a due rotation runs
   * once however many replicas tick. Answers whether one was due.
   */
  public Uni<Boolean> rotateNextDue(java.time.Duration retryAfter) {
    var picked = new java.util.concurrent.atomic.AtomicReference<SecretEntity>();
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select id from secret where next_rotation_at <= now()"
                                        + " and not needs_value order by next_rotation_at"
                                        + " limit 1 for update skip locked",
                                    Long.class)
                                .getResultList())
                    .chain(
                        ids -> {
                          if (ids.isEmpty()) {
                            return Uni.createFrom().item(false);
                          }
                          return SecretEntity.<SecretEntity>findById(ids.get(0))
                              .invoke(picked::set)
                              .chain(secret -> rotateLocked(secret, "schedule", SYSTEM))
                              .invoke(
                                  secret ->
                                      LOG.infof(
                                          "team=%s env=%s secret=%s rotated on schedule to"
                                              + " version %d",
                                          secret.team,
                                          secret.environment,
                                          secret.name,
                                          secret.version))
                              .replaceWith(true);
                        }))
        .onFailure()
        .recoverWithUni(
            failure -> {
              SecretEntity secret = picked.get();
              if (secret == null) {
                return Uni.createFrom().failure(failure);
              }
              Instant retry = now().plus(retryAfter);
              LOG.warnf(
                  "team=%s env=%s secret=%s scheduled rotation failed, next try %s: %s",
                  secret.team, secret.environment, secret.name, retry, reason(failure));
              return Panache.withTransaction(
                      () ->
                          Panache.getSession()
                              .chain(
                                  s ->
                                      s.createNativeQuery(
                                              "update secret set next_rotation_at = :at where id = :id")
                                          .setParameter("at", retry)
                                          .setParameter("id", secret.id)
                                          .executeUpdate()))
                  .replaceWith(true);
            });
  }

  // ---- restore after a failed rollout ----------------------------------------------------------

  /**
   * Writes the version before {@code failedVersion} again, as a new version (trigger {@code
   * restore}), so apps roll back to values that worked. Only while {@code failedVersion} is still
   * current: a redelivery, or the request of a second app that failed with the same version, finds
   * the restored version and does nothing, and so does a request overtaken by a newer change.
   */
  public Uni<Void> restore(String eventId, SecretRestoreRequested request) {
    return Panache.withTransaction(
        () ->
            inbox
                .claim(RESTORE_CONSUMER, eventId)
                .chain(
                    fresh ->
                        !fresh
                            ? Uni.createFrom().voidItem()
                            : SecretEntity.<SecretEntity>find(
                                    "team = ?1 and environment = ?2 and name = ?3",
                                    request.team(),
                                    request.environment(),
                                    request.name())
                                .withLock(LockModeType.PESSIMISTIC_WRITE)
                                .firstResult()
                                .chain(secret -> restoreLocked(secret, request))));
  }

  private Uni<Void> restoreLocked(SecretEntity secret, SecretRestoreRequested request) {
    String what = request.team() + "/" + request.environment() + "/" + request.name();
    if (secret == null || secret.version != request.failedVersion()) {
      LOG.infof(
          "secret %s: restore after version %d skipped (%s)",
          what,
          request.failedVersion(),
          secret == null ? "deleted" : "now at version " + secret.version);
      return Uni.createFrom().voidItem();
    }
    int previous = request.failedVersion() - 1;
    return SecretVersion.find(secret.id, previous)
        .chain(
            row -> {
              if (row == null || row.ciphertext == null) {
                LOG.warnf("secret %s: version %d has no value to restore", what, previous);
                return Uni.createFrom().voidItem();
              }
              SecretValues values =
                  envelope.open(
                      new Envelope.Sealed(
                          row.ciphertext,
                          row.valueNonce,
                          new WrappedKey(row.keyId, row.wrappedKey)),
                      binding(secret, previous));
              return newVersion(secret, values, "restore", SYSTEM, now())
                  .invoke(
                      restored ->
                          LOG.infof(
                              "secret %s: version %d restored as version %d after app %s failed"
                                  + " to roll out version %d",
                              what,
                              previous,
                              restored.version,
                              request.app(),
                              request.failedVersion()))
                  .replaceWithVoid();
            });
  }

  // ---- environment deleted -------------------------------------------------------------------

  /**
   * The environment is gone: its secrets, their versions and cluster objects go too (each announced
   * as SecretDeleted), and so does its kind. Once per event; a secret already gone is skipped.
   */
  public Uni<Void> environmentDeleted(String eventId, EnvironmentDeleted deleted) {
    String team = deleted.team();
    String environment = deleted.environment();
    return Panache.withTransaction(
        () ->
            inbox
                .claim(DELETED_CONSUMER, eventId)
                .chain(
                    fresh ->
                        !fresh
                            ? Uni.createFrom().voidItem()
                            : SecretEntity.list(team, environment)
                                .chain(secrets -> dropAll(team, environment, secrets))));
  }

  private Uni<Void> dropAll(String team, String environment, List<SecretEntity> secrets) {
    Instant now = now();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (SecretEntity secret : secrets) {
      chain =
          chain
              .chain(() -> secret.delete())
              .chain(
                  () ->
                      outbox.append(new SecretDeleted(team, environment, secret.name, SYSTEM, now)))
              .replaceWithVoid();
    }
    return chain
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "delete from environment_kind where team = :team"
                                        + " and environment = :env")
                                .setParameter("team", team)
                                .setParameter("env", environment)
                                .executeUpdate()))
        .chain(SecretService::flush)
        .chain(
            () -> {
              Uni<Void> removals = Uni.createFrom().voidItem();
              for (SecretEntity secret : secrets) {
                removals = removals.chain(() -> backend.remove(team, environment, secret.name));
              }
              return removals;
            })
        .invoke(
            () ->
                LOG.infof(
                    "team=%s env=%s environment deleted: %d secret(s) dropped",
                    team, environment, secrets.size()));
  }

  // ---- clone ---------------------------------------------------------------------------------

  /**
   * The clone gets the source's secret names and keys: fresh random values outside production,
   * "needs a value" in production. No value is ever copied, from production or elsewhere.
   */
  public Uni<Void> clone(String eventId, EnvironmentCloned cloned) {
    boolean production = cloned.kind() == EnvironmentKind.PRODUCTION;
    return Panache.withTransaction(
        () ->
            inbox
                .claim(CLONE_CONSUMER, eventId)
                .chain(
                    fresh ->
                        !fresh
                            ? Uni.createFrom().voidItem()
                            : recordKind(cloned.team(), cloned.environment(), cloned.kind())
                                .chain(
                                    () ->
                                        cloneSecrets(
                                            cloned.team(),
                                            cloned.source(),
                                            cloned.environment(),
                                            production))));
  }

  private Uni<Void> cloneSecrets(String team, String source, String target, boolean production) {
    return SecretEntity.list(team, source)
        .chain(
            sources ->
                SecretEntity.list(team, target)
                    .map(
                        existing -> {
                          var taken = existing.stream().map(s -> s.name).toList();
                          return sources.stream().filter(s -> !taken.contains(s.name)).toList();
                        }))
        .chain(
            toCopy -> {
              List<Delivery> deliveries = new ArrayList<>();
              Uni<Void> chain = Uni.createFrom().voidItem();
              Instant now = now();
              for (SecretEntity from : toCopy) {
                chain = chain.chain(() -> cloneOne(from, target, production, now, deliveries::add));
              }
              return chain
                  .chain(SecretService::flush)
                  .chain(
                      () ->
                          deliveries.isEmpty()
                              ? Uni.createFrom().voidItem()
                              : backend.deliver(deliveries))
                  .invoke(
                      () ->
                          LOG.infof(
                              "team=%s env=%s cloned %d secret(s) from %s (%s)",
                              team,
                              target,
                              toCopy.size(),
                              source,
                              production ? "need values" : "generated values"));
            });
  }

  private Uni<Void> cloneOne(
      SecretEntity from,
      String target,
      boolean production,
      Instant now,
      java.util.function.Consumer<Delivery> deliveries) {
    var secret = new SecretEntity();
    secret.team = from.team;
    secret.environment = target;
    secret.name = from.name;
    secret.keys = from.keys;
    secret.version = 1;
    secret.createdAt = now;
    secret.updatedAt = now;
    secret.needsValue = production;
    policy(from).ifPresent(p -> setPolicy(secret, p, now));
    RotationPolicy generator = policy(from).orElse(RotationPolicy.defaults());
    if (production) {
      return secret
          .<SecretEntity>persist()
          .chain(() -> versionRow(secret, 1, null, "clone", SYSTEM, now))
          .chain(() -> created(secret, NO_VALUE_HASH, true, now));
    }
    Map<String, String> generated = new TreeMap<>();
    for (String key : from.keys) {
      generated.put(key, ValueGenerator.generate(generator.length(), generator.charset()));
    }
    SecretValues values = SecretValues.of(generated);
    var sealed = envelope.seal(values, binding(secret, 1));
    deliveries.accept(delivery(secret, sealed.versionHash(), values));
    return secret
        .<SecretEntity>persist()
        .chain(() -> versionRow(secret, 1, sealed, "clone", SYSTEM, now))
        .chain(() -> created(secret, sealed.versionHash(), false, now));
  }

  private Uni<Void> created(SecretEntity secret, String hash, boolean needsValue, Instant now) {
    return outbox
        .append(
            new SecretCreated(
                secret.team,
                secret.environment,
                secret.name,
                List.of(secret.keys),
                secret.version,
                hash,
                needsValue,
                SYSTEM,
                now))
        .replaceWithVoid();
  }

  public Uni<Void> recordKind(String team, String environment, EnvironmentKind kind) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into environment_kind (team, environment, kind)"
                            + " values (:team, :env, :kind)"
                            + " on conflict (team, environment) do update set kind = excluded.kind")
                    .setParameter("team", team)
                    .setParameter("env", environment)
                    .setParameter("kind", kind.wire())
                    .executeUpdate())
        .replaceWithVoid();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Uni<SecretEntity> rotateLocked(SecretEntity secret, String trigger, Actor actor) {
    if (secret.needsValue) {
      throw ProblemException.conflict(
          "Secret " + secret.name + " has no value yet; PUT sets one before it can rotate.");
    }
    RotationPolicy policy = policy(secret).orElse(RotationPolicy.defaults());
    return current(secret)
        .chain(values -> generate(secret, policy, values))
        .chain(values -> newVersion(secret, values, trigger, actor, now()));
  }

  /** New values from the policy's generator: random, or its external hook. */
  private Uni<SecretValues> generate(
      SecretEntity secret, RotationPolicy policy, SecretValues current) {
    if (policy.hook() == null) {
      return Uni.createFrom().item(policy.rotate(current));
    }
    return hook.generate(
            policy.hook(),
            secret.team,
            secret.environment,
            secret.name,
            policy.keysToRotate(current))
        .map(generated -> RotationPolicy.merge(current, generated));
  }

  private Uni<SecretEntity> newVersion(
      SecretEntity secret, SecretValues values, String trigger, Actor actor, Instant now) {
    int version = secret.version + 1;
    var sealed = envelope.seal(values, binding(secret, version));
    secret.version = version;
    secret.keys = values.keys().toArray(String[]::new);
    secret.updatedAt = now;
    secret.needsValue = false;
    if (trigger.equals("rotate") || trigger.equals("schedule")) {
      secret.lastRotatedAt = now;
      policy(secret).ifPresent(p -> secret.nextRotationAt = p.next(now));
    }
    return secret
        .<SecretEntity>persist()
        .chain(() -> versionRow(secret, version, sealed, trigger, actor, now))
        .chain(
            () ->
                outbox.append(
                    new SecretRotated(
                        secret.team,
                        secret.environment,
                        secret.name,
                        values.keys(),
                        version,
                        sealed.versionHash(),
                        trigger,
                        actor,
                        now)))
        .chain(SecretService::flush)
        .chain(() -> backend.deliver(List.of(delivery(secret, sealed.versionHash(), values))))
        .replaceWith(secret);
  }

  private Uni<SecretValues> current(SecretEntity secret) {
    return SecretVersion.find(secret.id, secret.version)
        .map(
            v -> {
              if (v == null || v.ciphertext == null) {
                throw ProblemException.conflict(
                    "Secret " + secret.name + " has no value yet; PUT sets one.");
              }
              return envelope.open(
                  new Envelope.Sealed(
                      v.ciphertext, v.valueNonce, new WrappedKey(v.keyId, v.wrappedKey)),
                  binding(secret, v.version));
            });
  }

  private static Uni<Void> versionRow(
      SecretEntity secret,
      int version,
      Envelope.Sealed sealed,
      String trigger,
      Actor actor,
      Instant now) {
    var row = new SecretVersion();
    row.secretId = secret.id;
    row.version = version;
    row.keys = secret.keys;
    row.versionHash = sealed == null ? NO_VALUE_HASH : sealed.versionHash();
    row.trigger = trigger;
    row.createdBy = actor.username();
    row.createdAt = now;
    if (sealed != null) {
      row.ciphertext = sealed.ciphertext();
      row.valueNonce = sealed.nonce();
      row.wrappedKey = sealed.dataKey().bytes();
      row.keyId = sealed.dataKey().keyId();
    }
    return row.persist().replaceWithVoid();
  }

  private static Uni<SecretEntity> required(
      String team, String environment, String name, boolean lock) {
    var query =
        SecretEntity.<SecretEntity>find(
            "team = ?1 and environment = ?2 and name = ?3", team, environment, name);
    if (lock) {
      query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
    }
    return query
        .firstResult()
        .map(
            secret -> {
              if (secret == null) {
                throw ProblemException.notFound("Secret " + team + "/" + environment + "/" + name);
              }
              return secret;
            });
  }

  /**
   * A change in one transaction; failures become problem+json. With an Idempotency-Key, the key is
   * claimed first in the same transaction, and a request already answered gets that answer again.
   */
  private static Uni<SecretView> change(
      Optional<IdempotentRequests.Request> request, Supplier<Uni<SecretEntity>> work) {
    return Panache.withTransaction(
            () -> {
              if (request.isEmpty()) {
                return work.get().map(SecretService::view);
              }
              return IdempotentRequests.claim(request.get())
                  .chain(
                      previous ->
                          previous.isPresent()
                              ? Uni.createFrom().item(previous.get())
                              : work.get()
                                  .map(SecretService::view)
                                  .call(view -> IdempotentRequests.answer(request.get(), view)));
            })
        .onFailure()
        .transform(SecretService::problem);
  }

  private static Optional<IdempotentRequests.Request> request(
      Optional<String> key,
      String team,
      String environment,
      String operation,
      String name,
      Actor actor) {
    return key.map(
        k ->
            new IdempotentRequests.Request(team, environment, k, operation, name, actor.subject()));
  }

  static Throwable problem(Throwable failure) {
    if (failure instanceof ProblemException) {
      return failure;
    }
    if (failure instanceof ApplyException rejected) {
      return new ProblemException(
          Problem.of(422, "Rejected by the cluster", rejected.getMessage())
              .withErrors(rejected.errors()));
    }
    if (failure instanceof TransientFailure) {
      return new ProblemException(
          Problem.of(
              503,
              "Service unavailable",
              "A dependency (Kubernetes or Vault) cannot be reached; nothing was changed."));
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.ConstraintViolationException
          || (t.getMessage() != null && t.getMessage().contains("duplicate key"))) {
        return ProblemException.conflict("The secret was changed concurrently; try again.");
      }
    }
    if (failure instanceof IllegalStateException
        && failure.getMessage() != null
        && failure.getMessage().startsWith("Vault refused")) {
      return new ProblemException(Problem.of(502, "Bad gateway", failure.getMessage()));
    }
    return failure;
  }

  private static String reason(Throwable failure) {
    Throwable p = problem(failure);
    return p instanceof ProblemException pe ? pe.problem().detail() : p.getClass().getSimpleName();
  }

  private static Uni<Void> flush() {
    return Panache.getSession().chain(Mutiny.Session::flush);
  }

  private static void setPolicy(SecretEntity secret, RotationPolicy policy, Instant now) {
    secret.rotationCron = policy.cron();
    secret.rotationEveryDays = policy.everyDays();
    secret.rotationLength = policy.length();
    secret.rotationCharset = policy.charset();
    secret.rotationKeys = policy.keys().isEmpty() ? null : policy.keys().toArray(String[]::new);
    secret.rotationHook = policy.hook();
    secret.nextRotationAt = policy.next(now);
  }

  private static void clearPolicy(SecretEntity secret) {
    secret.rotationCron = null;
    secret.rotationEveryDays = null;
    secret.rotationLength = null;
    secret.rotationCharset = null;
    secret.rotationKeys = null;
    secret.rotationHook = null;
    secret.nextRotationAt = null;
  }

  static java.util.Optional<RotationPolicy> policy(SecretEntity secret) {
    if (secret.rotationCron == null && secret.rotationEveryDays == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new RotationPolicy(
            secret.rotationCron,
            secret.rotationEveryDays,
            secret.rotationLength == null ? ValueGenerator.DEFAULT_LENGTH : secret.rotationLength,
            secret.rotationCharset,
            secret.rotationKeys == null ? List.of() : Arrays.asList(secret.rotationKeys),
            secret.rotationHook));
  }

  static SecretView view(SecretEntity s) {
    var policy = policy(s);
    return new SecretView(
        s.team,
        s.environment,
        s.name,
        List.of(s.keys),
        s.version,
        s.needsValue,
        s.createdAt,
        s.updatedAt,
        s.lastRotatedAt,
        policy
            .map(
                p ->
                    new SecretView.Rotation(
                        p.cron(),
                        p.everyDays(),
                        p.length(),
                        p.charset() == null ? ValueGenerator.DEFAULT_CHARSET : p.charset(),
                        p.keys().isEmpty() ? null : p.keys(),
                        p.hook()))
            .orElse(null),
        s.nextRotationAt,
        null);
  }

  private static Delivery delivery(SecretEntity secret, String hash, SecretValues values) {
    return new Delivery(secret.team, secret.environment, secret.name, secret.version, hash, values);
  }

  private static String binding(SecretEntity secret, int version) {
    return Envelope.binding(secret.team, secret.environment, secret.name, version);
  }

  public static Actor actor(Caller caller) {
    return new Actor(caller.subject(), caller.username());
  }

  /** PostgreSQL keeps microseconds: truncate so what we return is what we stored. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
