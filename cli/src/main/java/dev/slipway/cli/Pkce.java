package dev.slipway.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One authorization request's secrets (RFC 7636): the code verifier that only this process knows,
 * its S256 challenge sent through the browser, and the state that ties the redirect to the request.
 */
public record Pkce(String verifier, String challenge, String state) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Pkce generate() {
    String verifier = random(32);
    return new Pkce(verifier, s256(verifier), random(16));
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
