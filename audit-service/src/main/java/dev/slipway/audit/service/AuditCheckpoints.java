package dev.slipway.audit.service;

import dev.slipway.audit.config.AuditConfig;
import dev.slipway.audit.domain.Checkpoint;
import dev.slipway.audit.domain.CheckpointKey;
import dev.slipway.audit.domain.CheckpointKeyring;
import dev.slipway.audit.domain.CheckpointPolicy;
import dev.slipway.audit.domain.CheckpointPublicKey;
import dev.slipway.audit.persistence.CheckpointRepository;
import dev.slipway.events.AuditCheckpointed;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Signs the chain's head every N records or T minutes, stores the checkpoint and publishes it on
 * {@code slipway.audit} through the outbox, in one transaction. Every replica looks periodically; a
 * transaction-scoped advisory lock (try, never wait) lets one of them make it.
 */
@ApplicationScoped
public class AuditCheckpoints {

  private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

  /** Distinct from the chain's and the outbox relay's locks. */
  private static final long CHECKPOINT_LOCK = 0x5117_A0D2L;

  private final Pool pool;
  private final CheckpointRepository checkpoints;
  private final Outbox outbox;
  private final Vertx vertx;
  private final AuditConfig.Checkpoint config;
  private final CheckpointPolicy policy;
  private final Optional<CheckpointKey> key;
  private final CheckpointKeyring keyring;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Clock clock = Clock.systemUTC();
  private long timer = -1;

  public AuditCheckpoints(
      Pool pool, CheckpointRepository checkpoints, Outbox outbox, Vertx vertx, AuditConfig config) {
    this.pool = pool;
    this.checkpoints = checkpoints;
    this.outbox = outbox;
    this.vertx = vertx;
    this.config = config.checkpoint();
    this.policy = new CheckpointPolicy(this.config.everyRecords(), this.config.interval());
    this.key =
        this.config.signingKey().isPresent() && this.config.publicKey().isPresent()
            ? Optional.of(
                CheckpointKey.of(this.config.signingKey().get(), this.config.publicKey().get()))
            : Optional.empty();
    this.keyring =
        new CheckpointKeyring(
            key.map(CheckpointKey::publicKey),
            previousKeys(this.config.previousPublicKeys().orElse(List.of())));
  }

  private static List<CheckpointPublicKey> previousKeys(List<String> base64Keys) {
    List<CheckpointPublicKey> keys = new ArrayList<>();
    for (int i = 0; i < base64Keys.size(); i++) {
      try {
        keys.add(CheckpointPublicKey.of(base64Keys.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "slipway.audit.checkpoint.previous-public-keys[" + i + "]: " + e.getMessage(), null);
      }
    }
    return keys;
  }

  void start(@Observes StartupEvent start) {
    if (key.isEmpty()) {
      LOG.warn(
          "audit: no checkpoint key configured (slipway.audit.checkpoint.signing-key and"
              + " public-key): no signed checkpoints");
      return;
    }
    timer = vertx.setPeriodic(config.checkEvery().toMillis(), tick -> tick());
  }

  void stop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    checkpointIfDue()
        .onTermination()
        .invoke(() -> running.set(false))
        .subscribe()
        .with(
            made -> made.ifPresent(c -> LOG.infof("audit: checkpoint at seq %d", c.seq())),
            failure -> LOG.warnf("audit: checkpoint failed, next try later: %s", failure));
  }

  /** The signing key, when checkpoints are signed. */
  public Optional<CheckpointKey> key() {
    return key;
  }

  /** The keys that check checkpoints: the current one and those replaced by rotations. */
  public CheckpointKeyring keyring() {
    return keyring;
  }

  public Uni<List<Checkpoint>> list(long beforeSeq, int limit) {
    return checkpoints.page(beforeSeq, limit);
  }

  /** Makes a checkpoint when the policy says one is due; empty when not (or another replica). */
  public Uni<Optional<Checkpoint>> checkpointIfDue() {
    return make(false);
  }

  /**
   * A checkpoint of the current head: a new one, or the latest when nothing was appended since
   * (empty for an empty log, or while another replica is making one).
   */
  public Uni<Optional<Checkpoint>> checkpointNow() {
    return make(true);
  }

  private Uni<Optional<Checkpoint>> make(boolean now) {
    if (key.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(CHECKPOINT_LOCK))
                .chain(
                    locked ->
                        locked.iterator().next().getBoolean(0)
                            ? checkpoints
                                .latest(connection)
                                .chain(last -> next(connection, last, now))
                            : Uni.createFrom().item(Optional.<Checkpoint>empty())));
  }

  private Uni<Optional<Checkpoint>> next(
      SqlConnection connection, Optional<Checkpoint> last, boolean now) {
    long afterSeq = last.map(Checkpoint::seq).orElse(0L);
    // Appends commit in seq order (they hold the chain lock), so the committed head is a prefix.
    return connection
        .preparedQuery("select max(seq), count(*) from audit_record where seq > $1")
        .execute(Tuple.of(afterSeq))
        .chain(
            rows -> {
              var row = rows.iterator().next();
              long newRecords = row.getLong(1);
              Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
              boolean due =
                  now
                      ? newRecords > 0
                      : policy.due(newRecords, last.map(Checkpoint::at).orElse(null), at);
              if (!due) {
                return Uni.createFrom().item(now ? last : Optional.<Checkpoint>empty());
              }
              long seq = row.getLong(0);
              long count = last.map(Checkpoint::count).orElse(0L) + newRecords;
              return connection
                  .preparedQuery("select hash from audit_record where seq = $1")
                  .execute(Tuple.of(seq))
                  .map(hash -> sign(seq, hash.iterator().next().getString(0), count, at))
                  .call(c -> checkpoints.insert(connection, c))
                  .call(c -> outbox.appendAll(connection, List.of(event(c))))
                  .map(Optional::of);
            });
  }

  private Checkpoint sign(long seq, String headHash, long count, Instant at) {
    CheckpointKey k = key.orElseThrow();
    return new Checkpoint(
        seq,
        headHash,
        count,
        at,
        k.keyId(),
        CheckpointKey.ALGORITHM,
        k.sign(Checkpoint.text(seq, headHash, count, at)));
  }

  private static AuditCheckpointed event(Checkpoint c) {
    return new AuditCheckpointed(
        c.seq(),
        c.headHash(),
        c.count(),
        AuditCheckpointed.NO_TEAM,
        c.at(),
        c.keyId(),
        c.algorithm(),
        c.signature());
  }
}
