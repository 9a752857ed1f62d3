package dev.slipway.audit.domain;

/**
 * An entry ready to be chained: its canonical content and its payload as JSON text are written
 * before the chain lock is taken, in parallel, so that under the lock only the SHA-256 over the
 * canonical bytes remains to be done in order.
 */
public record PreparedEntry(AuditEntry entry, byte[] canonicalUtf8, String payloadJson) {

  public static PreparedEntry of(AuditEntry entry) {
    return new PreparedEntry(entry, entry.canonicalUtf8(), Payloads.write(entry.payload()));
  }

  /** This entry's hash after {@code previousHash}: the same as {@link HashChain#hash}. */
  public String hashAfter(String previousHash) {
    return HashChain.hash(previousHash, canonicalUtf8);
  }
}
