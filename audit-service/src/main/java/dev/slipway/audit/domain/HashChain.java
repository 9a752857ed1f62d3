package dev.slipway.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Links each record to the one before: hash = SHA-256(previous hash + canonical content). Changing,
 * removing or reordering a stored record breaks every link after it.
 */
public final class HashChain {

  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  public static String hash(String previousHash, AuditEntry entry) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
      sha256.update(entry.canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
