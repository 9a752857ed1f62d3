package dev.slipway.secret.crypto;

/**
 * Wraps and unwraps data keys with a master key that never leaves the provider. Today the key comes
 * from configuration ({@link ConfigKeyProvider}); a KMS (AWS KMS, GCP KMS, Vault Transit)
 * implements the same three methods.
 */
public interface KeyProvider {

  /** The id of the master key new data keys are wrapped with; stored beside each wrapped key. */
  String currentKeyId();

  WrappedKey wrap(byte[] dataKey);

  /**
   * @throws IllegalStateException when the key that wrapped it is no longer known
   */
  byte[] unwrap(WrappedKey wrapped);
}
