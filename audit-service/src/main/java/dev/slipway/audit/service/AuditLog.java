package dev.slipway.audit.service;

import dev.slipway.audit.config.AuditConfig;
import dev.slipway.audit.domain.AuditPage;
import dev.slipway.audit.domain.AuditQuery;
import dev.slipway.audit.domain.ChainCheck;
import dev.slipway.audit.domain.ChainVerifier;
import dev.slipway.audit.domain.CheckpointKeyring;
import dev.slipway.audit.domain.PreparedEntry;
import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.audit.domain.StoredRecord;
import dev.slipway.audit.persistence.AuditChainAppender;
import dev.slipway.audit.persistence.AuditRecordRepository;
import dev.slipway.audit.persistence.CheckpointRepository;
import dev.slipway.kit.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The audit log's use cases: record an event once, search it, verify the chain. */
@ApplicationScoped
public class AuditLog {

  private static final Logger LOG = Logger.getLogger(AuditLog.class);

  private final Pool pool;
  private final AuditChainAppender appender;
  private final AuditRecordRepository records;
  private final AuditConfig config;
  private final CheckpointRepository checkpoints;
  private final Supplier<CheckpointKeyring> checkpointKeys;
  private final Clock clock = Clock.systemUTC();

  public AuditLog(
      Pool pool,
      AuditChainAppender appender,
      AuditRecordRepository records,
      AuditConfig config,
      CheckpointRepository checkpoints,
      AuditCheckpoints auditCheckpoints) {
    this.checkpoints = checkpoints;
    this.checkpointKeys = auditCheckpoints::keyring;
    this.pool = pool;
    this.appender = appender;
    this.records = records;
    this.config = config;
  }

  /**
   * Appends the events not in the log yet, in order, in one transaction; a redelivery (same
   * CloudEvents ids) changes nothing. The event id is unique in the log itself, which serves as
   * this consumer's inbox. What is appended is republished from the log by {@code
   * AuditRecordPublisher}: the log is its own outbox (ADR 0021).
   */
  public Uni<Integer> recordAll(List<ReceivedEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    Instant now = clock.instant();
    // Parsing a poll's payloads and writing their canonical JSON is CPU work, and each event's is
    // its own: on every core, off the event loop, before the chain lock is taken.
    return Uni.createFrom()
        .item(() -> events.parallelStream().map(e -> PreparedEntry.of(e.toEntry(now))).toList())
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .chain(
            entries ->
                pool.withTransaction(
                    connection ->
                        appender
                            .appendNew(connection, entries)
                            .invoke(
                                stored ->
                                    LOG.debugf(
                                        "audit: %d of %d events appended",
                                        stored.size(), events.size()))
                            .map(List::size)));
  }

  /**
   * The records the caller may see. A filter on a team the caller is not in answers nothing rather
   * than an error, so a search does not reveal which teams exist.
   */
  public Uni<AuditPage> search(Caller caller, AuditQuery query) {
    if (query.team() != null && !caller.canSee(query.team())) {
      return Uni.createFrom().item(AuditPage.empty());
    }
    if (!caller.platformAdmin() && caller.visibleTeams().isEmpty()) {
      return Uni.createFrom().item(AuditPage.empty());
    }
    return records
        .search(query, caller.platformAdmin() ? null : caller.visibleTeams())
        .map(found -> page(found, query.limit()));
  }

  private static AuditPage page(List<StoredRecord> found, int limit) {
    if (found.size() <= limit) {
      return new AuditPage(found, null);
    }
    List<StoredRecord> shown = found.subList(0, limit);
    return new AuditPage(List.copyOf(shown), shown.get(limit - 1).seq());
  }

  /**
   * Every record the query and the caller allow, in log order, page after page, at most {@code
   * max}; the query's limit is the page size.
   */
  public Uni<List<StoredRecord>> export(Caller caller, AuditQuery query, int max) {
    return exportFrom(caller, query, max, new java.util.ArrayList<>());
  }

  private Uni<List<StoredRecord>> exportFrom(
      Caller caller, AuditQuery query, int max, List<StoredRecord> found) {
    return search(caller, query)
        .chain(
            page -> {
              for (StoredRecord r : page.records()) {
                if (found.size() >= max) {
                  return Uni.createFrom().item(found);
                }
                found.add(r);
              }
              if (page.nextSeq() == null || found.size() >= max) {
                return Uni.createFrom().item(found);
              }
              return exportFrom(caller, query.after(page.nextSeq()), max, found);
            });
  }

  /**
   * New records matching the query as they are appended, from the query's cursor or, without one,
   * from now. Polls the table, so every replica serves its own clients and a stream survives a
   * consumer moving to another replica.
   */
  public Multi<StoredRecord> follow(Caller caller, AuditQuery query) {
    Uni<Long> start =
        query.afterSeq() > 0 ? Uni.createFrom().item(query.afterSeq()) : records.maxSeq();
    return start
        .toMulti()
        .flatMap(
            first -> {
              AtomicLong after = new AtomicLong(first);
              return Multi.createFrom()
                  .ticks()
                  .every(config.stream().pollInterval())
                  .onOverflow()
                  .drop()
                  .onItem()
                  .transformToUniAndConcatenate(
                      tick -> search(caller, query.after(after.get())).map(AuditPage::records))
                  .onItem()
                  .transformToIterable(
                      list -> {
                        if (!list.isEmpty()) {
                          after.set(list.get(list.size() - 1).seq());
                        }
                        return list;
                      });
            });
  }

  /**
   * Walks the whole chain from the first record and checks the signed checkpoints on the way; stops
   * at the first broken link. The next page is read while the current one is hashed, so the walk
   * runs at the speed of the slower of the two.
   */
  public Uni<ChainCheck> verify() {
    return checkpoints
        .all()
        .chain(
            all ->
                Uni.createFrom()
                    .item(() -> walk(new ChainVerifier(all, checkpointKeys.get())))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }

  /**
   * A plain loop on a worker thread (hashing is CPU work), holding two pages at most: a chain of
   * nested Unis kept every page reachable until the end and ran out of heap on a large log.
   */
  private ChainCheck walk(ChainVerifier verifier) {
    int batch = config.verify().batchSize();
    CompletableFuture<List<StoredRecord>> next =
        records.chainAfter(0L, batch).subscribeAsCompletionStage();
    while (true) {
      List<StoredRecord> rows = next.join();
      boolean last = rows.size() < batch;
      if (!last) {
        next =
            records.chainAfter(rows.get(rows.size() - 1).seq(), batch).subscribeAsCompletionStage();
      }
      if (!verifier.accept(rows) || last) {
        return verifier.finish();
      }
    }
  }
}
