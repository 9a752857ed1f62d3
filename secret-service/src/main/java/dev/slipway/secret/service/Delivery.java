package dev.slipway.secret.service;

import dev.slipway.secret.domain.SecretValues;

/** One secret version on its way to the cluster. */
public record Delivery(
    String team,
    String environment,
    String name,
    int version,
    String versionHash,
    SecretValues values) {}
