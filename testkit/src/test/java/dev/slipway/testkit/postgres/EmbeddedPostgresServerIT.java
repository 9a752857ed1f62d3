package dev.slipway.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.security.auth.module.UnixSystem;
import dev.slipway.testkit.support.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

  @Test
  void eachServiceGetsItsOwnDatabase() throws SQLException {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    postgres.createDatabase("deploy");
    postgres.createDatabase("environment");
    postgres.createDatabase("deploy"); // idempotent

    try (Connection deploy = postgres.connect("deploy");
        Statement statement = deploy.createStatement()) {
      statement.execute("CREATE TABLE app (name text PRIMARY KEY)");
      statement.execute("INSERT INTO app VALUES ('checkout')");
    }
    try (Connection environment = postgres.connect("environment")) {
      assertThat(query(environment, "SELECT to_regclass('app') IS NULL")).isEqualTo("t");
      assertThat(query(environment, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(query(environment, "SHOW server_version")).startsWith("18.");
    }
    assertThat(postgres.jdbcUrl("deploy"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/deploy");
    assertThat(postgres.reactiveUrl("deploy"))
        .isEqualTo("postgresql://127.0.0.1:" + postgres.port() + "/deploy");
  }

  @Test
  void dataSurvivesRestartOnTheSameDirectory(@TempDir Path dataDir) throws SQLException {
    int port = FreePort.pick();
    EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir, port);
    try {
      first.createDatabase("cost");
      try (Connection cost = first.connect("cost");
          Statement statement = cost.createStatement()) {
        statement.execute("CREATE TABLE budget (team text, euros int)");
        statement.execute("INSERT INTO budget VALUES ('payments', 1200)");
      }
    } finally {
      first.stop();
    }
    assertThat(dataDir.resolve("pgdata/postmaster.pid")).doesNotExist();

    EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir, port);
    try {
      second.createDatabase("cost");
      try (Connection cost = second.connect("cost")) {
        assertThat(query(cost, "SELECT euros FROM budget WHERE team = 'payments'"))
            .isEqualTo("1200");
      }
    } finally {
      second.stop();
    }
  }

  @Test
  void startsWhenTheJvmRunsAsRoot() throws Exception {
    assumeThat(new UnixSystem().getUid()).as("this JVM runs as root").isZero();

    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();

    assertThat(postgres.runsInUserNamespace()).isTrue();
    try (Connection connection = postgres.connect("postgres")) {
      assertThat(query(connection, "SELECT 1")).isEqualTo("1");
    }
    // The postmaster is uid 1000 inside its own user namespace, which maps it to root outside.
    String pid = Files.readAllLines(postgres.dataDir().resolve("pgdata/postmaster.pid")).get(0);
    assertThat(Files.readString(Path.of("/proc", pid, "uid_map")).trim().split("\\s+"))
        .containsExactly("1000", "0", "1");
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
