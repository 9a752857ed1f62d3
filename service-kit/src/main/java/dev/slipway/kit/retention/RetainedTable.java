package dev.slipway.kit.retention;

import java.time.Duration;

/**
 * A table whose rows are deleted once {@code column} (a timestamp) is older than {@code keep}; rows
 * where it is null are kept. A service declares its own with a CDI producer; {@link
 * RetentionSweeper} sweeps them with the kit's outbox and inbox.
 */
public record RetainedTable(String table, String column, Duration keep) {}
