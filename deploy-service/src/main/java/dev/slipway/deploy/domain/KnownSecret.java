package dev.slipway.deploy.domain;

import java.util.Set;

/**
 * A secret of a team's environment as deploy-service knows it from secret-service's events: its key
 * names and the hash of its current version (of ciphertext), never a value. {@code needsValue}: a
 * clone into production created it without values, so no Kubernetes object backs it yet.
 */
public record KnownSecret(String name, Set<String> keys, String versionHash, boolean needsValue) {}
