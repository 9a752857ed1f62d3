package dev.slipway.secret.service;

import java.time.Instant;
import java.util.List;

/** One entry of a secret's history: metadata only. */
public record VersionView(
    int version,
    List<String> keys,
    String versionHash,
    String trigger,
    String createdBy,
    Instant createdAt,
    boolean hasValue) {}
