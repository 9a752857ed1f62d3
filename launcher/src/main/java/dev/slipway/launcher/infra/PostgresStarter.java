package dev.slipway.launcher.infra;

import dev.slipway.launcher.DevSettings;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import java.sql.SQLException;
import java.util.List;

/** The embedded PostgreSQL with its data in {@code .slipway/postgres}, or the configured one. */
public final class PostgresStarter {
  private PostgresStarter() {}

  public static Started<DatabaseServer> start(DevSettings settings, List<String> databases)
      throws SQLException {
    if (settings.postgres().isPresent()) {
      ExternalPostgres external = settings.postgres().get();
      DatabaseServer server =
          new DatabaseServer(
              external.host(), external.port(), external.username(), external.password());
      server.createDatabases(databases);
      return new Started<>(
          server, "SLIPWAY_POSTGRES_URL " + external.host() + ":" + external.port(), () -> {});
    }
    EmbeddedPostgresServer embedded =
        EmbeddedPostgresServer.start(
            settings.dataDir().resolve("postgres"), DevSettings.POSTGRES_PORT);
    try {
      DatabaseServer server =
          new DatabaseServer(
              DevSettings.LOOPBACK, embedded.port(), embedded.username(), embedded.password());
      server.createDatabases(databases);
      return new Started<>(server, "127.0.0.1:" + embedded.port(), embedded::stop);
    } catch (SQLException | RuntimeException e) {
      embedded.stop();
      throw e;
    }
  }
}
