package dev.slipway.audit.rest;

import java.util.List;

/** Checkpoints newest first; {@code nextCursor} for older ones, null on the last page. */
public record CheckpointPageResponse(List<CheckpointItem> items, String nextCursor) {}
