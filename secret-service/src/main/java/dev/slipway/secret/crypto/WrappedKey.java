package dev.slipway.secret.crypto;

/** A data key encrypted by the master key {@code keyId}. */
public record WrappedKey(String keyId, byte[] bytes) {}
