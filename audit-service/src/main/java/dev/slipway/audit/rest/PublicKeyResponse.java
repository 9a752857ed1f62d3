package dev.slipway.audit.rest;

/** The key that checks checkpoint signatures, as PEM (what {@code openssl pkey -pubout} writes). */
public record PublicKeyResponse(String keyId, String algorithm, String pem) {}
