package dev.slipway.audit.persistence;

import dev.slipway.audit.domain.AuditEntry;
import dev.slipway.audit.domain.HashChain;
import dev.slipway.audit.domain.Payloads;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends to the hash chain inside the caller's transaction (the Inbox's, so the record and the
 * processed event id commit together).
 *
 * <p>A transaction-scoped advisory lock serializes appends across partitions, consumer threads and
 * replicas: the last hash is read and the next row inserted with nobody in between, and rows get
 * their seq in chain order. The lock is released at commit or rollback.
 */
@ApplicationScoped
public class AuditChainAppender {

  /** Any constant shared by all replicas; distinct from the outbox relay's lock. */
  static final long CHAIN_LOCK = 0x5117_A0D1L;

  /** Answers false when a record with this event id already exists. */
  public Uni<Boolean> append(AuditEntry entry) {
    return Panache.getSession()
        .chain(
            session ->
                lock(session)
                    .chain(() -> lastHash(session))
                    .chain(prevHash -> insert(session, entry, prevHash)));
  }

  private static Uni<Long> lock(Mutiny.Session session) {
    // pg_advisory_xact_lock returns void, which has no Java mapping: count the row instead.
    return session
        .createNativeQuery(
            "select count(*) from (select pg_advisory_xact_lock(" + CHAIN_LOCK + ")) as l",
            Long.class)
        .getSingleResult();
  }

  private static Uni<String> lastHash(Mutiny.Session session) {
    return session
        .createNativeQuery("select hash from audit_record order by seq desc limit 1", String.class)
        .getResultList()
        .map(List::stream)
        .map(hashes -> hashes.findFirst().orElse(HashChain.GENESIS));
  }

  private static Uni<Boolean> insert(Mutiny.Session session, AuditEntry entry, String prevHash) {
    // The payload goes in as text and is cast in SQL: a String bound straight to a jsonb
    // parameter would be stored as one JSON string.
    return session
        .createNativeQuery(
            "insert into audit_record (event_id, ce_type, source, subject, team, environment,"
                + " app, operation_id, actor, payload, occurred_at, recorded_at, prev_hash, hash)"
                + " values (:eventId, :type, :source, :subject, :team, :environment, :app,"
                + " :operationId, :actor, cast(cast(:payload as text) as jsonb), :occurredAt,"
                + " :recordedAt, :prevHash, :hash) on conflict (event_id) do nothing")
        .setParameter("eventId", entry.eventId())
        .setParameter("type", entry.type())
        .setParameter("source", entry.source())
        .setParameter("subject", entry.subject())
        .setParameter("team", entry.team())
        .setParameter("environment", entry.environment())
        .setParameter("app", entry.app())
        .setParameter("operationId", entry.operationId())
        .setParameter("actor", entry.actor())
        .setParameter("payload", Payloads.write(entry.payload()))
        .setParameter("occurredAt", entry.occurredAt().atOffset(ZoneOffset.UTC))
        .setParameter("recordedAt", entry.recordedAt().atOffset(ZoneOffset.UTC))
        .setParameter("prevHash", prevHash)
        .setParameter("hash", HashChain.hash(prevHash, entry))
        .executeUpdate()
        .map(inserted -> inserted == 1);
  }

  /** The chain position of a record appended in this transaction: its seq and hash. */
  public Uni<Object[]> position(String eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select seq, prev_hash, hash from audit_record where event_id = :eventId",
                        Object[].class)
                    .setParameter("eventId", eventId)
                    .getSingleResult());
  }
}
