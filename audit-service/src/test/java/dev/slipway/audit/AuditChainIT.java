package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditChainIT {

  private static final String TRIGGER = "audit_record_no_update_or_delete";

  @Test
  void anIntactChainVerifies() {
    auditedEvent();

    JsonPath verify = verify();

    assertThat(verify.getBoolean("ok")).isTrue();
    assertThat(verify.getLong("verified")).isPositive();
    assertThat(verify.getMap("")).doesNotContainKeys("brokenSeq", "reason");
  }

  @Test
  void verifyNamesARecordChangedBehindTheServicesBack() throws SQLException {
    long seq = auditedEvent();
    try (Connection owner = ownerConnection()) {
      String original = payloadOf(owner, seq);
      // Only the table's owner can do this; in production the service's role owns nothing.
      execute(owner, "alter table audit_record disable trigger " + TRIGGER);
      try {
        update(owner, seq, "{\"team\": \"someone-else\"}");

        JsonPath verify = verify();

        assertThat(verify.getBoolean("ok")).isFalse();
        assertThat(verify.getLong("brokenSeq")).isEqualTo(seq);
        assertThat(verify.getString("reason")).contains("was changed");
      } finally {
        // Other tests of this JVM verify the same chain.
        update(owner, seq, original);
        execute(owner, "alter table audit_record enable trigger " + TRIGGER);
      }
    }
    assertThat(verify().getBoolean("ok")).isTrue();
  }

  @Test
  void theTableRefusesUpdateDeleteAndTruncate() throws SQLException {
    long seq = auditedEvent();
    try (Connection owner = ownerConnection()) {
      assertThatThrownBy(() -> update(owner, seq, "{}"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(owner, "delete from audit_record where seq = " + seq))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(owner, "truncate audit_record"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void theProductionRoleMayAppendButNeitherRewriteNorDisableTheTrigger() throws SQLException {
    long seq = auditedEvent();
    try (Connection owner = ownerConnection()) {
      // The role separation of the README: SELECT and INSERT, owner of nothing.
      execute(
          owner,
          "do $$ begin if not exists (select from pg_roles where rolname = 'audit_app_it') then"
              + " create role audit_app_it login password 'audit_app_it'; end if; end $$");
      execute(owner, "grant select, insert on audit_record to audit_app_it");
    }
    try (Connection app = connection("audit_app_it", "audit_app_it")) {
      app.setAutoCommit(false);
      try {
        execute(
            app,
            "insert into audit_record (event_id, ce_type, payload, occurred_at, recorded_at,"
                + " prev_hash, hash) values ('it-"
                + UUID.randomUUID()
                + "', 'it', '{}', now(),"
                + " now(), repeat('0', 64), repeat('e', 64))");
      } finally {
        // Never commit: a row outside the chain would break verify for the other tests.
        app.rollback();
      }
      app.setAutoCommit(true);
      assertThatThrownBy(() -> update(app, seq, "{}")).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> execute(app, "alter table audit_record disable trigger " + TRIGGER))
          .hasMessageContaining("must be owner");
    }
  }

  /** Publishes an event, waits until it is stored, and answers its seq. */
  private static long auditedEvent() {
    String operationId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.ENVIRONMENT,
        EventCatalog.ENVIRONMENT_CREATED.ceType(),
        "payments/staging",
        CloudEvents.example(EventCatalog.ENVIRONMENT_CREATED, operationId).toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.trail(Api.ADMIN, operationId).size() == 1);
    return ((Number) Api.trail(Api.ADMIN, operationId).get(0).get("seq")).longValue();
  }

  private static JsonPath verify() {
    return Api.as(Api.ADMIN)
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The role Flyway ran as: the table's owner. */
  private static Connection ownerConnection() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return connection(
        config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }

  private static Connection connection(String user, String password) throws SQLException {
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource.getConnection();
  }

  private static String payloadOf(Connection connection, long seq) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("select payload::text from audit_record where seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static void update(Connection connection, long seq, String payload) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update audit_record set payload = cast(? as jsonb) where seq = ?")) {
      update.setString(1, payload);
      update.setLong(2, seq);
      update.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
