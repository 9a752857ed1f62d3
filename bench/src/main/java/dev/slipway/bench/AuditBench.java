package dev.slipway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.e2e.Platform;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The audit log's targets (issue 9), each beside the raw PostgreSQL rate measured in the same run
 * on the same server:
 *
 * <ul>
 *   <li>ingest: CloudEvents on Kafka until audit-service has appended them all (a Kafka poll per
 *       transaction: hash chain, multi-row insert, outbox) vs JDBC batches of rows of the same
 *       shape into a copy of audit_record (same indexes) with a SHA-256 each;
 *   <li>query: p99 of {@code GET /api/v1/audit?team=&environment=&limit=100} over the log vs the
 *       same SQL over JDBC;
 *   <li>verify: {@code GET /api/v1/audit/verify} records/s vs reading seq and hash of every row.
 * </ul>
 *
 * <pre>
 * ./mvnw -pl bench exec:java -Dexec.mainClass=dev.slipway.bench.AuditBench -Dexec.args="1000000 2000"
 * </pre>
 *
 * (records, queries; after {@code ./mvnw install -DskipTests}). Writes bench/results/audit.md.
 */
public final class AuditBench {

  private static final int TEAMS = 50;
  private static final String[] ENVIRONMENTS = {"dev", "staging", "production", "pr-1"};
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path root = Platform.repoRoot();
    Path work = Files.createTempDirectory("slipway-audit-bench");
    createTopics();
    try (Platform platform = Platform.start(root, work, List.of("audit-service"))) {
      EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
      String audit = platform.url("audit-service");
      String admin = platform.token("admin", List.of("/platform-admin"));
      HttpClient http = HttpClient.newHttpClient();

      double ingest;
      double rawInsert;
      try (Connection db = postgres.connect("audit")) {
        long before = count(db, "select count(*) from audit_record");
        ingest = ingest(records, db, before);
        System.out.printf("audit-service ingest: %.0f events/s%n", ingest);
        rawInsert = rawInsert(db, records);
      }

      List<Double> apiQueries = new ArrayList<>();
      List<Double> sqlQueries = new ArrayList<>();
      Random random = new Random(7);
      try (Connection db = postgres.connect("audit");
          PreparedStatement sql =
              db.prepareStatement(
                  "select seq, event_id, ce_type, source, subject, team, environment, app,"
                      + " operation_id, actor, payload::text, occurred_at, recorded_at, prev_hash,"
                      + " hash from audit_record where seq > 0 and team = ? and environment = ?"
                      + " order by seq limit 101")) {
        for (int i = 0; i < queries; i++) {
          String team = "bench-t" + random.nextInt(TEAMS);
          String env = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
          long start = System.nanoTime();
          HttpResponse<String> answer =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              audit
                                  + "/api/v1/audit?limit=100&team="
                                  + team
                                  + "&environment="
                                  + env))
                      .header("Authorization", "Bearer " + admin)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() != 200) {
            throw new IllegalStateException("query answered " + answer.statusCode());
          }
          apiQueries.add((System.nanoTime() - start) / 1e6);
          start = System.nanoTime();
          sql.setString(1, team);
          sql.setString(2, env);
          try (ResultSet rows = sql.executeQuery()) {
            while (rows.next()) {
              rows.getString(11);
            }
          }
          sqlQueries.add((System.nanoTime() - start) / 1e6);
        }
      }

      long total;
      double verify;
      double rawSelect;
      try (Connection db = postgres.connect("audit")) {
        total = count(db, "select count(*) from audit_record");
        long start = System.nanoTime();
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(audit + "/api/v1/audit/verify"))
                    .header("Authorization", "Bearer " + admin)
                    .timeout(Duration.ofHours(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        verify = total / ((System.nanoTime() - start) / 1e9);
        if (answer.statusCode() != 200 || !answer.body().contains("true")) {
          throw new IllegalStateException("verify answered " + answer.statusCode() + answer.body());
        }
        rawSelect = rawSelect(db, total);
      }

      String report =
          report(records, total, ingest, rawInsert, apiQueries, sqlQueries, verify, rawSelect);
      Path out = root.resolve("bench/results/audit.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
    }
    System.exit(0);
  }

  /**
   * A consumer that subscribes before its topics exist only sees them at its next metadata refresh
   * (minutes): the topics exist before audit-service starts.
   */
  private static void createTopics() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", EmbeddedKafka.shared().bootstrapServers());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
      var existing = admin.listTopics().names().get();
      var missing =
          Topics.ALL.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 1, (short) 1))
              .toList();
      admin.createTopics(missing).all().get();
    }
  }

  /** Sends {@code n} CloudEvents and answers events/s until the last one is in the log. */
  private static double ingest(int n, Connection db, long before) throws Exception {
    ObjectNode example = example();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    Random random = new Random(42);
    long start = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < n; i++) {
        String team = "bench-t" + random.nextInt(TEAMS);
        String env = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
        String app = "app-" + random.nextInt(20);
        ObjectNode data = example.deepCopy();
        data.put("operationId", UUID.randomUUID().toString());
        data.put("team", team);
        data.put("environment", env);
        data.put("app", app);
        String subject = team + "/" + env + "/" + app;
        var record = new ProducerRecord<>(Topics.DEPLOY, subject, data.toString());
        Map.of(
                "ce_specversion",
                "1.0",
                "ce_id",
                UUID.randomUUID().toString(),
                "ce_type",
                EventCatalog.DEPLOY_REQUESTED.ceType(),
                "ce_source",
                "/bench/audit",
                "ce_subject",
                subject,
                "ce_time",
                Instant.now().toString(),
                "content-type",
                "application/json")
            .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
      }
    }
    long seen = before;
    long lastProgress = System.nanoTime();
    while (seen < before + n) {
      Thread.sleep(200);
      long now = count(db, "select count(*) from audit_record");
      if (now > seen) {
        seen = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > Duration.ofMinutes(2).toNanos()) {
        throw new IllegalStateException(
            "ingest stalled at " + (seen - before) + " of " + n + " records");
      }
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Rows of the same shape and payload into a copy of audit_record (same columns, constraints and
   * indexes, logged, no triggers), hashed like a chain, in JDBC batches of 1,000 per transaction:
   * rows/s. What PostgreSQL itself allows on this table, without Kafka and the service.
   */
  private static double rawInsert(Connection db, int n) throws Exception {
    try (Statement ddl = db.createStatement()) {
      ddl.execute("drop table if exists bench_raw");
      ddl.execute(
          "create table bench_raw (like audit_record including defaults including identity"
              + " including constraints including indexes)");
    }
    String example = example().toString();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    String prev = "0".repeat(64);
    long start = System.nanoTime();
    db.setAutoCommit(false);
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into bench_raw (event_id, ce_type, source, subject, team, environment, app,"
                + " operation_id, actor, payload, occurred_at, recorded_at, prev_hash, hash)"
                + " values (?, 'dev.slipway.deploy.requested.v1', '/bench/raw', ?, ?, ?, 'app',"
                + " ?, 'alice', cast(? as jsonb), now(), now(), ?, ?)")) {
      for (int i = 0; i < n; i++) {
        String team = "bench-t" + (i % TEAMS);
        String env = ENVIRONMENTS[i % ENVIRONMENTS.length];
        String hash =
            HexFormat.of().formatHex(sha.digest((prev + example).getBytes(StandardCharsets.UTF_8)));
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, team + "/" + env + "/app");
        insert.setString(3, team);
        insert.setString(4, env);
        insert.setString(5, UUID.randomUUID().toString());
        insert.setString(6, example);
        insert.setString(7, prev);
        insert.setString(8, hash);
        insert.addBatch();
        prev = hash;
        if (i % 1000 == 999) {
          insert.executeBatch();
          db.commit();
        }
      }
      insert.executeBatch();
      db.commit();
    }
    db.setAutoCommit(true);
    double rate = n / ((System.nanoTime() - start) / 1e9);
    try (Statement ddl = db.createStatement()) {
      ddl.execute("drop table bench_raw");
    }
    return rate;
  }

  private static ObjectNode example() throws Exception {
    try (InputStream in =
        AuditBench.class.getResourceAsStream(EventCatalog.DEPLOY_REQUESTED.exampleResource())) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  /** Reads seq and hash of every record in order, as the chain walk does: rows/s. */
  private static double rawSelect(Connection db, long total) throws Exception {
    db.setAutoCommit(false);
    long start = System.nanoTime();
    try (PreparedStatement select =
        db.prepareStatement(
            "select seq, event_id, payload::text, prev_hash, hash from audit_record order by seq")) {
      select.setFetchSize(1000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          rows.getString(5);
        }
      }
    }
    db.commit();
    db.setAutoCommit(true);
    return total / ((System.nanoTime() - start) / 1e9);
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String report(
      int sent,
      long total,
      double ingest,
      double rawInsert,
      List<Double> api,
      List<Double> sql,
      double verify,
      double rawSelect) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.join(
        "\n",
        "# Audit log benchmark",
        "",
        "Run "
            + Instant.now()
            + " on "
            + os.getAvailableProcessors()
            + " CPUs (shared), "
            + sent
            + " events sent, "
            + total
            + " records in the log. Targets from issue 9.",
        "",
        "| measure | audit-service | raw PostgreSQL, same run | target |",
        "|---|---|---|---|",
        String.format(
            "| ingest (events/s) | %.0f | %.0f (JDBC batches of 1,000 into a copy of audit_record"
                + " + SHA-256) | ≥ 20000 |",
            ingest, rawInsert),
        String.format(
            "| query p99 (ms), team+environment, 100 per page | %.1f | %.1f (same SQL) | ≤ 50 |",
            Percentiles.of(api).p99(), Percentiles.of(sql).p99()),
        String.format(
            "| query p50 (ms) | %.1f | %.1f | |",
            Percentiles.of(api).p50(), Percentiles.of(sql).p50()),
        String.format(
            "| verify (records/s) | %.0f | %.0f (read seq, payload, hashes in order) | ≥ 100000 |",
            verify, rawSelect),
        "");
  }
}
