package dev.slipway.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the gateway's database from a test (plain JDBC: what was written, not what is cached). */
final class GatewayDatabase {

  private GatewayDatabase() {}

  static long count(String sql) {
    try (Connection c = connect();
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static int update(String sql) {
    try (Connection c = connect()) {
      return c.createStatement().executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commands and their facts: everything the outbox holds except access and approval facts. */
  static long commandsPublished() {
    return count("select count(*) from outbox_event where topic <> 'slipway.approval'");
  }

  static long denialsRecorded() {
    return count(
        "select count(*) from outbox_event where ce_type = 'dev.slipway.approval.access-denied.v1'");
  }

  private static Connection connect() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }
}
