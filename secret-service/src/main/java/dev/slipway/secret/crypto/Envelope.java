package dev.slipway.secret.crypto;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.events.EventJson;
import dev.slipway.secret.domain.SecretValues;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one secret version: a fresh AES-256 data key encrypts the values (AES-GCM,
 * bound to team/env/name/version as associated data, so a row cannot be moved to another secret),
 * and the {@link KeyProvider} wraps the data key. The plaintext data key is wiped after use.
 */
public final class Envelope {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;

  private final KeyProvider keys;

  public Envelope(KeyProvider keys) {
    this.keys = keys;
  }

  /** What is stored: ciphertext, its nonce, the wrapped data key. */
  public record Sealed(byte[] ciphertext, byte[] nonce, WrappedKey dataKey) {

    /**
     * Changes with every version and says nothing about the values: a hash of the ciphertext, which
     * a random key produced.
     */
    public String versionHash() {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext);
        return HexFormat.of().formatHex(digest, 0, 8);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public Sealed seal(SecretValues values, String binding) {
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] plain = null;
    try {
      plain = EventJson.mapper().writeValueAsBytes(values.asMap());
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(binding));
      byte[] ciphertext = cipher.doFinal(plain);
      return new Sealed(ciphertext, nonce, keys.wrap(dataKey));
    } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encrypt a secret version", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  public SecretValues open(Sealed sealed, String binding) {
    byte[] dataKey = keys.unwrap(sealed.dataKey());
    byte[] plain = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(128, sealed.nonce()));
      cipher.updateAAD(aad(binding));
      plain = cipher.doFinal(sealed.ciphertext());
      Map<String, String> values =
          EventJson.mapper().readValue(plain, new TypeReference<Map<String, String>>() {});
      return SecretValues.of(values);
    } catch (GeneralSecurityException | java.io.IOException e) {
      // No detail: the cause could only be a wrong key or a tampered row.
      throw new IllegalStateException("cannot decrypt secret version " + binding);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /** The same data key under the current master key (master-key rotation). */
  public WrappedKey rewrap(WrappedKey wrapped) {
    byte[] dataKey = keys.unwrap(wrapped);
    try {
      return keys.wrap(dataKey);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  public String currentKeyId() {
    return keys.currentKeyId();
  }

  /** What a version is bound to: it decrypts only as that secret's that version. */
  public static String binding(String team, String environment, String name, int version) {
    return team + "/" + environment + "/" + name + "@" + version;
  }

  private static byte[] aad(String binding) {
    return ("slipway-secret:v1:" + binding).getBytes(StandardCharsets.UTF_8);
  }
}
