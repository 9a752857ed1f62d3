package dev.slipway.secret.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys from configuration: the current one wraps, it and the previous ones unwrap. A key's
 * id is a fingerprint (SHA-256 prefix), so rows say which key wrapped them without revealing it.
 */
public final class ConfigKeyProvider implements KeyProvider {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;

  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  public ConfigKeyProvider(byte[] current, List<byte[]> previous) {
    currentId = add(current);
    previous.forEach(this::add);
  }

  public static byte[] decode(String base64, String what) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes (AES-256), not " + key.length);
    }
    return key;
  }

  public static byte[] generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  private String add(byte[] key) {
    String id = fingerprint(key);
    keys.put(id, new SecretKeySpec(key, "AES"));
    return id;
  }

  static String fingerprint(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return "config:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String currentKeyId() {
    return currentId;
  }

  @Override
  public WrappedKey wrap(byte[] dataKey) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(currentId));
      byte[] sealed = cipher.doFinal(dataKey);
      byte[] out = new byte[NONCE + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return new WrappedKey(currentId, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap a data key", e);
    }
  }

  @Override
  public byte[] unwrap(WrappedKey wrapped) {
    SecretKeySpec key = keys.get(wrapped.keyId());
    if (key == null) {
      throw new IllegalStateException(
          "master key "
              + wrapped.keyId()
              + " is not configured (slipway.secrets.master-key / previous-master-keys)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped.bytes(), 0, NONCE));
      cipher.updateAAD(aad(wrapped.keyId()));
      return cipher.doFinal(wrapped.bytes(), NONCE, wrapped.bytes().length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot unwrap a data key with " + wrapped.keyId());
    }
  }

  private static byte[] aad(String keyId) {
    return ("slipway-data-key:v1:" + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
