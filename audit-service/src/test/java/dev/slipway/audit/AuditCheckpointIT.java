package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.audit.domain.AuditEntry;
import dev.slipway.audit.domain.Checkpoint;
import dev.slipway.audit.domain.CheckpointKey;
import dev.slipway.audit.domain.HashChain;
import dev.slipway.audit.domain.Payloads;
import dev.slipway.audit.domain.StoredRecord;
import dev.slipway.audit.persistence.AuditRecordRepository;
import dev.slipway.audit.service.AuditCheckpoints;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Signed checkpoints: checkable offline with the published key, and checked by verify. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditCheckpointIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject AuditCheckpoints checkpoints;
  @Inject AuditRecordRepository records;

  @Test
  void aCheckpointsSignatureVerifiesOfflineWithThePublishedKeyAndNotOnceTampered()
      throws Exception {
    auditedEvent();
    Checkpoint made = checkpoints.checkpointNow().await().atMost(WAIT).orElseThrow();

    JsonPath page =
        Api.as(Api.ADMIN)
            .get("/api/v1/audit/checkpoints")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> latest = page.getMap("items[0]");
    assertThat(((Number) latest.get("seq")).longValue()).isEqualTo(made.seq());
    assertThat(latest.get("headHash")).isEqualTo(hashAt(made.seq()));

    // What an ops team does offline: rebuild the documented text, check with the public key.
    String pem =
        Api.as(Api.ALICE)
            .get("/api/v1/audit/checkpoints/public-key")
            .then()
            .statusCode(200)
            .extract()
            .path("pem");
    String text =
        "slipway-audit-checkpoint-v1\nseq="
            + latest.get("seq")
            + "\nhead="
            + latest.get("headHash")
            + "\ncount="
            + latest.get("count")
            + "\nat="
            + latest.get("at")
            + "\n";
    String signature = (String) latest.get("signature");
    assertThat(verifies(pem, text, signature)).isTrue();
    assertThat(verifies(pem, text.replace("head=", "head=0"), signature)).isFalse();

    // Published on slipway.audit through the outbox.
    assertThat(checkpointEventSignatureFor(made.seq())).isEqualTo(signature);
    Api.as(Api.ALICE).get("/api/v1/audit/checkpoints").then().statusCode(403);
  }

  @Test
  void aChainRewrittenWithConsistentHashesFailsVerifyAtTheSignedCheckpoint() throws Exception {
    auditedEvent();
    Checkpoint made = checkpoints.checkpointNow().await().atMost(WAIT).orElseThrow();
    List<StoredRecord> originals = records.chainAfter(made.seq() - 1, 10_000).await().atMost(WAIT);
    assertThat(originals.get(0).seq()).isEqualTo(made.seq());

    try (Connection owner = ownerConnection()) {
      execute(owner, "alter table audit_record disable trigger audit_record_no_update_or_delete");
      try {
        // A forger with the owner's rights: change the checkpointed record and recompute every
        // hash from there on, so each link still matches.
        String prev = originals.get(0).prevHash();
        for (int i = 0; i < originals.size(); i++) {
          AuditEntry e = originals.get(i).entry();
          AuditEntry forged = i == 0 ? withPayload(e, "{\"forged\": true}") : e;
          String hash = HashChain.hash(prev, forged);
          update(owner, originals.get(i).seq(), Payloads.write(forged.payload()), prev, hash);
          prev = hash;
        }

        JsonPath verify = verify();

        assertThat(verify.getBoolean("ok")).isFalse();
        assertThat(verify.getLong("brokenSeq")).isEqualTo(made.seq());
        assertThat(verify.getString("reason"))
            .contains("signed checkpoint at seq " + made.seq())
            .contains("rewritten");
      } finally {
        for (StoredRecord r : originals) {
          update(owner, r.seq(), Payloads.write(r.entry().payload()), r.prevHash(), r.hash());
        }
        execute(owner, "alter table audit_record enable trigger audit_record_no_update_or_delete");
      }
    }
    JsonPath verify = verify();
    assertThat(verify.getBoolean("ok")).as(verify.prettify()).isTrue();
    assertThat(verify.getLong("checkpoints")).isPositive();
  }

  @Test
  void aCheckpointSignedBeforeAKeyRotationStillVerifiesAndVerifyNamesEachCheckpointsKey()
      throws Exception {
    // The key the tests' current key replaced; its public half is in previous-public-keys.
    CheckpointKey previous =
        CheckpointKey.of(
            "MC4CAQAwBQYDK2VwBCIEIOC9C4KZkblmBCdBumw7nXpcS/BpEtW8DU5xfBXwMSut",
            "MCowBQYDK2VwAyEAfUqFPES8n/3VsuStYYzBqmiNxkRpWTLBUhhlcHVFUZU=");
    auditedEvent();
    long oldSeq;
    try (Connection owner = ownerConnection()) {
      oldSeq = longValue(owner, "select max(seq) from audit_record");
      long count = longValue(owner, "select count(*) from audit_record where seq <= " + oldSeq);
      Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String head = hashAt(oldSeq);
      try (PreparedStatement insert =
          owner.prepareStatement(
              "insert into audit_checkpoint (seq, head_hash, record_count, at, key_id, algorithm,"
                  + " signature) values (?, ?, ?, ?, ?, 'Ed25519', ?)")) {
        insert.setLong(1, oldSeq);
        insert.setString(2, head);
        insert.setLong(3, count);
        insert.setObject(4, at.atOffset(ZoneOffset.UTC));
        insert.setString(5, previous.keyId());
        insert.setString(6, previous.sign(Checkpoint.text(oldSeq, head, count, at)));
        insert.executeUpdate();
      }
    }
    auditedEvent();
    Checkpoint current = checkpoints.checkpointNow().await().atMost(WAIT).orElseThrow();

    JsonPath verify = verify();

    assertThat(verify.getBoolean("ok")).as(verify.prettify()).isTrue();
    List<Map<String, Object>> signedBy = verify.getList("signedBy");
    Map<String, Object> last = signedBy.get(signedBy.size() - 1);
    Map<String, Object> before = signedBy.get(signedBy.size() - 2);
    assertThat(last)
        .containsEntry("keyId", current.keyId())
        .containsEntry("current", true)
        .containsEntry("lastSeq", (int) current.seq());
    assertThat(before)
        .containsEntry("keyId", previous.keyId())
        .containsEntry("current", false)
        .containsEntry("lastSeq", (int) oldSeq);
    List<Map<String, Object>> previousKeys =
        Api.as(Api.ALICE)
            .get("/api/v1/audit/checkpoints/public-key")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("previous");
    assertThat(previousKeys).extracting(k -> k.get("keyId")).containsExactly(previous.keyId());
  }

  private static long longValue(Connection c, String sql) throws SQLException {
    try (var statement = c.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static AuditEntry withPayload(AuditEntry e, String payload) {
    return new AuditEntry(
        e.eventId(),
        e.type(),
        e.source(),
        e.subject(),
        e.team(),
        e.environment(),
        e.app(),
        e.operationId(),
        e.actor(),
        Payloads.parse(payload),
        e.occurredAt(),
        e.recordedAt());
  }

  private static boolean verifies(String pem, String text, String signature) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(text.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  private static String checkpointEventSignatureFor(long seq) throws Exception {
    var config =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ConsumerConfig.GROUP_ID_CONFIG,
            "audit-checkpoint-check-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.AUDIT));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          var type = record.headers().lastHeader("ce_type");
          if (type != null
              && EventCatalog.AUDIT_CHECKPOINTED
                  .ceType()
                  .equals(new String(type.value(), StandardCharsets.UTF_8))) {
            var data = dev.slipway.events.EventJson.mapper().readTree(record.value());
            if (data.path("seq").asLong() == seq) {
              return data.path("signature").asText();
            }
          }
        }
      }
    }
    throw new AssertionError("no checkpoint event for seq " + seq + " on " + Topics.AUDIT);
  }

  private static void auditedEvent() {
    String operationId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.ENVIRONMENT,
        EventCatalog.ENVIRONMENT_CREATED.ceType(),
        "payments/staging",
        CloudEvents.example(EventCatalog.ENVIRONMENT_CREATED, operationId).toString());
    await().atMost(WAIT).until(() -> Api.trail(Api.ADMIN, operationId).size() == 1);
  }

  private static String hashAt(long seq) throws SQLException {
    try (Connection owner = ownerConnection();
        PreparedStatement select =
            owner.prepareStatement("select hash from audit_record where seq = ?")) {
      select.setLong(1, seq);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static JsonPath verify() {
    return Api.as(Api.ADMIN)
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void update(Connection c, long seq, String payload, String prev, String hash)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "update audit_record set payload = cast(? as jsonb), prev_hash = ?, hash = ?"
                + " where seq = ?")) {
      update.setString(1, payload);
      update.setString(2, prev);
      update.setString(3, hash);
      update.setLong(4, seq);
      update.executeUpdate();
    }
  }

  private static Connection ownerConnection() throws SQLException {
    Config config = ConfigProvider.getConfig();
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class));
    dataSource.setUser(config.getValue("quarkus.datasource.username", String.class));
    dataSource.setPassword(config.getValue("quarkus.datasource.password", String.class));
    return dataSource.getConnection();
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
