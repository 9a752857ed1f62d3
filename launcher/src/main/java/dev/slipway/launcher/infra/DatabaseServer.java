package dev.slipway.launcher.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL server every service (and Keycloak) gets its own database on. */
public record DatabaseServer(String host, int port, String username, String password) {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The form {@code quarkus.datasource.reactive.url} takes. */
  public String reactiveUrl(String database) {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Creates the databases that do not exist yet. The same code for the embedded and a developer's
   * server, so that what works locally works against theirs.
   */
  public void createDatabases(List<String> names) throws SQLException {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(jdbcUrl("postgres"));
    admin.setUser(username);
    admin.setPassword(password);
    try (Connection connection = admin.getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
        Statement create = connection.createStatement()) {
      for (String name : names) {
        if (!DATABASE_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("not a plain database name: " + name);
        }
        exists.setString(1, name);
        try (var rows = exists.executeQuery()) {
          if (!rows.next()) {
            create.execute("CREATE DATABASE \"" + name + "\"");
          }
        }
      }
    }
  }
}
