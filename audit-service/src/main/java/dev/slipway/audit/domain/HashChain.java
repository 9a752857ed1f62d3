package dev.slipway.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Links each record to the one before: hash = SHA-256(previous hash + canonical content). Changing,
 * removing or reordering a stored record breaks every link after it.
 *
 * <p>The canonical content does not depend on the previous hash, so it can be written ahead (in
 * parallel, outside the chain lock); only the SHA-256 over it has to follow the chain's order.
 */
public final class HashChain {

  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });

  private HashChain() {}

  public static String hash(String previousHash, AuditEntry entry) {
    return hash(previousHash, entry.canonicalUtf8());
  }

  /**
   * @param canonicalUtf8 the entry's {@link AuditEntry#canonicalUtf8()}
   */
  public static String hash(String previousHash, byte[] canonicalUtf8) {
    MessageDigest sha256 = SHA_256.get();
    sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
    sha256.update(canonicalUtf8);
    return HEX.formatHex(sha256.digest());
  }
}
