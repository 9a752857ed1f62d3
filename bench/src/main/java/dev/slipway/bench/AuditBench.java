package dev.slipway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.audit.domain.AuditEntry;
import dev.slipway.audit.domain.HashChain;
import dev.slipway.audit.domain.Payloads;
import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.e2e.Platform;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The audit log's targets (issue 9), each beside raw PostgreSQL measured in the same run on the
 * same server:
 *
 * <ul>
 *   <li>ingest: CloudEvents sent to Kafka until audit-service has appended them all (chained,
 *       republished from the log) vs the same rows, read back and loaded again from Java into a
 *       copy of audit_record (same constraints and indexes), 5,000 per transaction, with COPY and
 *       with the service's own {@code insert ... select from unnest};
 *   <li>query: p50/p99 of {@code GET /api/v1/audit} for each filter the API has, over the whole
 *       log, vs the SQL the service runs for it, over JDBC; plus the plan PostgreSQL chose;
 *   <li>verify: {@code GET /api/v1/audit/verify} records/s vs reading every column of every record
 *       in order over JDBC.
 * </ul>
 *
 * The log is brought up to its full size between ingest and queries by the fast path: rows built
 * and chained in the bench with audit-service's own {@code ReceivedEvent} and {@code HashChain},
 * under the chain lock, in multi-row inserts (so verify checks them like any other record).
 *
 * <pre>
 * ./mvnw -B -q -o install -DskipTests -pl audit-service,bench
 * ./mvnw -B -q -o -pl bench exec:java -Dbench.main=dev.slipway.bench.AuditBench \
 *     -Dexec.args="100000 1000000 100"
 * </pre>
 *
 * (events ingested through Kafka, records in the log for query and verify, queries per filter).
 * Writes bench/results/audit.md.
 */
public final class AuditBench {

  private static final int TEAMS = 50;
  private static final int APPS = 20;
  private static final int ACTORS = 100;
  private static final String[] ENVIRONMENTS = {"dev", "staging", "production", "pr-1"};
  private static final List<EventType<?>> TYPES =
      List.of(
          EventCatalog.DEPLOY_REQUESTED,
          EventCatalog.DEPLOY_COMPLETED,
          EventCatalog.DEPLOY_FAILED,
          EventCatalog.BUILD_REQUESTED,
          EventCatalog.ENVIRONMENT_CREATED,
          EventCatalog.SECRET_ROTATED);
  private static final String COLUMNS =
      "seq, event_id, ce_type, source, subject, team, environment, app, operation_id, actor,"
          + " payload::text as payload, occurred_at, recorded_at, prev_hash, hash";
  private static final String INSERT_COLUMNS =
      "event_id, ce_type, source, subject, team, environment, app, operation_id, actor, payload,"
          + " occurred_at, recorded_at, prev_hash, hash";
  private static final int ROWS_PER_INSERT = 5000;

  /** audit-service's AuditChainAppender.CHAIN_LOCK: the fast path appends like the service. */
  private static final long CHAIN_LOCK = 0x5117_A0D1L;

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Exception e) {
      // Kafka's threads would keep exec:java waiting forever after a failure.
      e.printStackTrace();
    }
    System.exit(status);
  }

  private static void run(String[] args) throws Exception {
    int ingestEvents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int logRecords = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int queriesPerFilter = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Path root = Platform.repoRoot();
    Path work = Files.createTempDirectory("slipway-audit-bench");
    createTopics();
    try (Platform platform = Platform.start(root, work, List.of("audit-service"))) {
      EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
      var api =
          new Api(
              platform.url("audit-service"), platform.token("admin", List.of("/platform-admin")));
      try (Connection db = postgres.connect("audit")) {
        long before = count(db);
        long ingestStart = System.nanoTime();
        double ingest = ingest(ingestEvents, db, before);
        System.out.printf("audit-service ingest: %.0f events/s%n", ingest);
        double published = awaitPublished(db, ingestEvents, ingestStart);
        System.out.printf("republished on slipway.audit: %.0f records/s%n", published);
        RawInsert rawInsert = rawInsert(db, before);
        System.out.printf(
            "raw insert: %.0f rows/s (unnest), %.0f rows/s (COPY)%n",
            rawInsert.unnest(), rawInsert.copy());
        long start = System.nanoTime();
        long filled = fill(db, logRecords - count(db));
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fast path: %d records in %.0f s%n", filled, fillSeconds);
        try (Statement s = db.createStatement()) {
          // What autovacuum does after a bulk load; the planner needs the statistics.
          s.execute("vacuum analyze audit_record");
        }
        Map<String, QueryTimes> queries = queries(db, api, queriesPerFilter);
        long total = count(db);
        double verify = api.verify(total);
        System.out.printf("verify: %.0f records/s%n", verify);
        double rawSelect = rawSelect(db, total);
        String report =
            report(
                ingestEvents,
                ingest,
                published,
                rawInsert,
                filled,
                total,
                queries,
                verify,
                rawSelect);
        Path out = root.resolve("bench/results/audit.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
      }
    }
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

  /** One event as producers send them; team, environment, app, actor and type vary. */
  private record Event(String id, String type, String subject, String data, Instant time) {

    static Event random(Random random, ObjectNode example) {
      String team = "bench-t" + random.nextInt(TEAMS);
      String env = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
      String app = "app-" + random.nextInt(APPS);
      ObjectNode data = example.deepCopy();
      data.put("operationId", UUID.randomUUID().toString());
      data.put("team", team);
      data.put("environment", env);
      data.put("app", app);
      ((ObjectNode) data.get("requestedBy")).put("username", "user-" + random.nextInt(ACTORS));
      return new Event(
          UUID.randomUUID().toString(),
          TYPES.get(random.nextInt(TYPES.size())).ceType(),
          team + "/" + env + "/" + app,
          data.toString(),
          Instant.now());
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
        Event event = Event.random(random, example);
        var record = new ProducerRecord<>(Topics.DEPLOY, event.subject(), event.data());
        Map.of(
                "ce_specversion",
                "1.0",
                "ce_id",
                event.id(),
                "ce_type",
                event.type(),
                "ce_source",
                "/bench/audit",
                "ce_subject",
                event.subject(),
                "ce_time",
                event.time().toString(),
                "content-type",
                "application/json")
            .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
      }
    }
    long seen = before;
    long lastProgress = System.nanoTime();
    while (seen < before + n) {
      Thread.sleep(100);
      long now = count(db);
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
   * Waits until audit-service has republished every ingested record on {@code slipway.audit}
   * (AuditRecorded): records/s from the first event sent, like the ingest rate. The fast path's
   * records stand for history and are not republished: the fill moves the publication cursor.
   */
  private static double awaitPublished(Connection db, int n, long sendStart) throws Exception {
    long waitStart = System.nanoTime();
    long head = longValue(db, "select coalesce(max(seq), 0) from audit_record");
    while (longValue(db, "select last_seq from audit_publication") < head) {
      Thread.sleep(100);
      if (System.nanoTime() - waitStart > Duration.ofMinutes(3).toNanos()) {
        throw new IllegalStateException("republishing stalled");
      }
    }
    return n / ((System.nanoTime() - sendStart) / 1e9);
  }

  /** Rows/s of the two plain ways to load the same rows. */
  private record RawInsert(double unnest, double copy) {}

  /**
   * The rows audit-service just appended, read back and inserted again from Java into a copy of
   * audit_record (same columns, constraints and indexes; no triggers), {@value #ROWS_PER_INSERT}
   * per transaction, twice: with the service's statement (one {@code insert ... select from unnest}
   * of array parameters) and with pgjdbc's COPY, PostgreSQL's fastest plain load. What PostgreSQL
   * allows on this table without Kafka, canonical JSON and hashing.
   */
  private static RawInsert rawInsert(Connection db, long afterSeq) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement read =
        db.prepareStatement(
            "select "
                + INSERT_COLUMNS.replace("payload", "payload::text")
                + " from audit_record"
                + " where seq > ? order by seq")) {
      read.setLong(1, afterSeq);
      try (ResultSet r = read.executeQuery()) {
        while (r.next()) {
          Object[] row = new Object[14];
          for (int c = 0; c < 14; c++) {
            row[c] =
                c == 10 || c == 11
                    ? r.getTimestamp(c + 1).toInstant().toString()
                    : r.getString(c + 1);
          }
          rows.add(row);
        }
      }
    }
    createRawTable(db);
    long start = System.nanoTime();
    insertRows(db, "bench_raw", rows, false);
    double unnest = rows.size() / ((System.nanoTime() - start) / 1e9);
    createRawTable(db);
    start = System.nanoTime();
    copyRows(db, "bench_raw", rows);
    double copy = rows.size() / ((System.nanoTime() - start) / 1e9);
    try (Statement ddl = db.createStatement()) {
      ddl.execute("drop table bench_raw");
    }
    return new RawInsert(unnest, copy);
  }

  private static void createRawTable(Connection db) throws Exception {
    try (Statement ddl = db.createStatement()) {
      ddl.execute("drop table if exists bench_raw");
      ddl.execute(
          "create table bench_raw (like audit_record including defaults including identity"
              + " including constraints including indexes)");
    }
  }

  /** COPY (text format) of {@value #ROWS_PER_INSERT} rows per transaction. */
  private static void copyRows(Connection db, String table, List<Object[]> rows) throws Exception {
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    db.setAutoCommit(false);
    try {
      for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
        StringBuilder text = new StringBuilder();
        for (Object[] row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
          for (int c = 0; c < row.length; c++) {
            text.append(c == 0 ? "" : "\t").append(copyText((String) row[c]));
          }
          text.append('\n');
        }
        copy.copyIn(
            "copy " + table + " (" + INSERT_COLUMNS + ") from stdin",
            new StringReader(text.toString()));
        db.commit();
      }
    } finally {
      db.setAutoCommit(true);
    }
  }

  /** A value in COPY's text format: backslash escapes, {@code \N} for null. */
  private static String copyText(String value) {
    if (value == null) {
      return "\\N";
    }
    return value
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }

  /** Multi-row inserts of {@value #ROWS_PER_INSERT}, one transaction each. */
  private static void insertRows(Connection db, String table, List<Object[]> rows, boolean lock)
      throws Exception {
    String sql =
        "insert into "
            + table
            + " ("
            + INSERT_COLUMNS
            + ") select event_id, ce_type, source, subject, team, environment, app, operation_id,"
            + " actor, payload::jsonb, occurred_at, recorded_at, prev_hash, hash from unnest("
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[],"
            + " ?::text[]) with ordinality as r(event_id, ce_type, source, subject, team,"
            + " environment, app, operation_id, actor, payload, occurred_at, recorded_at,"
            + " prev_hash, hash, n) order by n";
    db.setAutoCommit(false);
    try (PreparedStatement insert = db.prepareStatement(sql);
        PreparedStatement chainLock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
      for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
        List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
        if (lock) {
          chainLock.setLong(1, CHAIN_LOCK);
          chainLock.execute();
        }
        for (int c = 0; c < 14; c++) {
          String[] column = new String[chunk.size()];
          for (int i = 0; i < chunk.size(); i++) {
            column[i] = (String) chunk.get(i)[c];
          }
          String type = c == 10 || c == 11 ? "timestamptz" : "text";
          insert.setArray(c + 1, db.createArrayOf(type, column));
        }
        insert.execute();
        db.commit();
      }
    } finally {
      db.setAutoCommit(true);
    }
  }

  /**
   * The fast path to a full-size log: {@code n} more records chained after the last one, built with
   * audit-service's own domain classes, appended under its chain lock.
   */
  private static long fill(Connection db, long n) throws Exception {
    if (n <= 0) {
      return 0;
    }
    ObjectNode example = example();
    Random random = new Random(4242);
    String prev = HashChain.GENESIS;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("select hash from audit_record order by seq desc limit 1")) {
      if (r.next()) {
        prev = r.getString(1);
      }
    }
    // Spread over the last 30 days, as a month of history would be.
    Instant first = Instant.now().minus(Duration.ofDays(30));
    long step = Duration.ofDays(30).toNanos() / n;
    for (long done = 0; done < n; ) {
      int size = (int) Math.min(ROWS_PER_INSERT * 10, n - done);
      List<Object[]> rows = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        Event e = Event.random(random, example);
        Instant at = first.plusNanos(step * (done + i));
        AuditEntry entry =
            new ReceivedEvent(e.id(), e.type(), "/bench/audit", e.subject(), e.data(), at)
                .toEntry(at);
        String hash = HashChain.hash(prev, entry);
        rows.add(
            new Object[] {
              entry.eventId(),
              entry.type(),
              entry.source(),
              entry.subject(),
              entry.team(),
              entry.environment(),
              entry.app(),
              entry.operationId(),
              entry.actor(),
              Payloads.write(entry.payload()),
              entry.occurredAt().toString(),
              entry.recordedAt().toString(),
              prev,
              hash
            });
        prev = hash;
      }
      insertRows(db, "audit_record", rows, true);
      done += size;
    }
    try (Statement s = db.createStatement()) {
      s.execute("update audit_publication set last_seq = (select max(seq) from audit_record)");
    }
    return n;
  }

  private static ObjectNode example() throws Exception {
    try (InputStream in =
        AuditBench.class.getResourceAsStream(EventCatalog.DEPLOY_REQUESTED.exampleResource())) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  /** A filter of the search: its query string and the SQL the service runs for it. */
  private record Filter(String name, Map<String, String> params) {}

  private record QueryTimes(List<Double> api, List<Double> sql, String plan) {}

  /**
   * Each filter the API has, with values drawn from the log itself, answered by the service and by
   * the same SQL over JDBC, alternately.
   */
  private static Map<String, QueryTimes> queries(Connection db, Api api, int perFilter)
      throws Exception {
    Random random = new Random(7);
    List<String> operations = sample(db, "operation_id", perFilter);
    long maxSeq = count(db);
    Instant[] range = timeRange(db);
    Map<String, QueryTimes> times = new LinkedHashMap<>();
    for (String kind :
        List.of(
            "team + environment",
            "team + environment + app",
            "operation id",
            "type + team",
            "actor",
            "team + one hour",
            "no filter, page deep in the log")) {
      QueryTimes t = new QueryTimes(new ArrayList<>(), new ArrayList<>(), null);
      String plan = null;
      for (int i = 0; i < perFilter; i++) {
        Map<String, String> p = new LinkedHashMap<>();
        long afterSeq = 0;
        String team = "bench-t" + random.nextInt(TEAMS);
        String env = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
        switch (kind) {
          case "team + environment" -> {
            p.put("team", team);
            p.put("environment", env);
          }
          case "team + environment + app" -> {
            p.put("team", team);
            p.put("environment", env);
            p.put("app", "app-" + random.nextInt(APPS));
          }
          case "operation id" -> p.put("operationId", operations.get(i % operations.size()));
          case "type + team" -> {
            p.put("type", TYPES.get(random.nextInt(TYPES.size())).ceType());
            p.put("team", team);
          }
          case "actor" -> p.put("actor", "user-" + random.nextInt(ACTORS));
          case "team + one hour" -> {
            long span = range[1].getEpochSecond() - range[0].getEpochSecond() - 3600;
            Instant since = range[0].plusSeconds((long) (random.nextDouble() * Math.max(1, span)));
            p.put("team", team);
            p.put("since", since.toString());
            p.put("until", since.plusSeconds(3600).toString());
          }
          default -> afterSeq = (long) (random.nextDouble() * maxSeq);
        }
        t.api().add(api.search(p, afterSeq));
        var sql = Sql.of(p, afterSeq, 101);
        t.sql().add(sql.time(db));
        if (plan == null) {
          plan = sql.plan(db);
        }
      }
      times.put(kind, new QueryTimes(t.api(), t.sql(), plan));
      System.out.printf(
          "query %s: p99 %.1f ms (SQL %.1f ms)%n",
          kind, Percentiles.of(t.api()).p99(), Percentiles.of(t.sql()).p99());
    }
    return times;
  }

  private static List<String> sample(Connection db, String column, int n) throws Exception {
    List<String> found = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "select "
                    + column
                    + " from audit_record tablesample system (1) where "
                    + column
                    + " is not null limit "
                    + n)) {
      while (r.next()) {
        found.add(r.getString(1));
      }
    }
    return found;
  }

  private static Instant[] timeRange(Connection db) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("select min(occurred_at), max(occurred_at) from audit_record")) {
      r.next();
      return new Instant[] {r.getTimestamp(1).toInstant(), r.getTimestamp(2).toInstant()};
    }
  }

  /** The SQL AuditRecordRepository.search builds for a platform admin's filters. */
  private record Sql(String text, List<Object> params) {

    static Sql of(Map<String, String> filters, long afterSeq, int limit) {
      List<String> where = new ArrayList<>(List.of("seq > ?"));
      List<Object> params = new ArrayList<>(List.of(afterSeq));
      Map<String, String> columns =
          Map.of(
              "operationId", "operation_id = ?",
              "team", "team = ?",
              "environment", "environment = ?",
              "app", "app = ?",
              "type", "ce_type = ?",
              "actor", "actor = ?",
              "since", "occurred_at >= ?",
              "until", "occurred_at < ?");
      for (String key :
          List.of("operationId", "team", "environment", "app", "type", "actor", "since", "until")) {
        String value = filters.get(key);
        if (value != null) {
          where.add(columns.get(key));
          params.add(
              key.equals("since") || key.equals("until")
                  ? Timestamp.from(Instant.parse(value))
                  : value);
        }
      }
      params.add(limit);
      return new Sql(
          "select "
              + COLUMNS
              + " from audit_record where "
              + String.join(" and ", where)
              + " order by seq limit ?",
          params);
    }

    double time(Connection db) throws Exception {
      long start = System.nanoTime();
      try (PreparedStatement s = prepare(db, text)) {
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            for (int c = 1; c <= 15; c++) {
              rows.getObject(c);
            }
          }
        }
      }
      return (System.nanoTime() - start) / 1e6;
    }

    /** The plan's first node and the execution time EXPLAIN ANALYZE reports. */
    String plan(Connection db) throws Exception {
      List<String> lines = new ArrayList<>();
      try (PreparedStatement s = prepare(db, "explain (analyze, costs off) " + text);
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines.add(r.getString(1).trim());
        }
      }
      String scan =
          lines.stream()
              .filter(l -> l.contains("Scan") || l.contains("Sort"))
              .findFirst()
              .orElse(lines.get(0))
              .replaceFirst("^->\\s*", "")
              .replaceAll("\\s*\\(actual.*", "");
      String execution =
          lines.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("");
      return scan + "; " + execution.replace("Execution Time: ", "");
    }

    private PreparedStatement prepare(Connection db, String sql) throws Exception {
      PreparedStatement s = db.prepareStatement(sql);
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      return s;
    }
  }

  /** audit-service's HTTP API, as a platform admin. */
  private record Api(String url, String token, HttpClient http) {

    Api(String url, String token) {
      this(url, token, HttpClient.newHttpClient());
    }

    double search(Map<String, String> filters, long afterSeq) throws Exception {
      StringBuilder query = new StringBuilder("?limit=100");
      filters.forEach(
          (k, v) ->
              query
                  .append('&')
                  .append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      if (afterSeq > 0) {
        query.append("&cursor=").append(cursor(afterSeq));
      }
      long start = System.nanoTime();
      HttpResponse<String> answer = get("/api/v1/audit" + query, Duration.ofSeconds(30));
      double millis = (System.nanoTime() - start) / 1e6;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("query answered " + answer.statusCode() + answer.body());
      }
      return millis;
    }

    /** Records/s of a whole-chain verify, which must find the chain intact. */
    double verify(long total) throws Exception {
      long start = System.nanoTime();
      HttpResponse<String> answer = get("/api/v1/audit/verify", Duration.ofHours(1));
      double seconds = (System.nanoTime() - start) / 1e9;
      var body = JSON.readTree(answer.body());
      if (answer.statusCode() != 200 || !body.path("ok").asBoolean()) {
        throw new IllegalStateException("verify answered " + answer.statusCode() + answer.body());
      }
      return body.path("verified").asLong(total) / seconds;
    }

    private HttpResponse<String> get(String path, Duration timeout) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(url + path))
              .header("Authorization", "Bearer " + token)
              .timeout(timeout)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The API's opaque cursor (audit-service rest.Cursor): the bench pages like a client. */
    private static String cursor(long seq) {
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(("seq:" + seq).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Reads every column of every record in seq order, as the chain walk does: rows/s. */
  private static double rawSelect(Connection db, long total) throws Exception {
    db.setAutoCommit(false);
    long start = System.nanoTime();
    try (PreparedStatement select =
        db.prepareStatement("select " + COLUMNS + " from audit_record order by seq")) {
      select.setFetchSize(10_000);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          for (int c = 1; c <= 15; c++) {
            rows.getObject(c);
          }
        }
      }
    }
    db.commit();
    db.setAutoCommit(true);
    return total / ((System.nanoTime() - start) / 1e9);
  }

  private static long count(Connection db) throws Exception {
    return longValue(db, "select count(*) from audit_record");
  }

  private static long longValue(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String report(
      int sent,
      double ingest,
      double published,
      RawInsert rawInsert,
      long filled,
      long total,
      Map<String, QueryTimes> queries,
      double verify,
      double rawSelect) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    List<String> lines = new ArrayList<>();
    List<Double> allApi = new ArrayList<>();
    List<Double> allSql = new ArrayList<>();
    queries.values().forEach(q -> allApi.addAll(q.api()));
    queries.values().forEach(q -> allSql.addAll(q.sql()));
    lines.addAll(
        List.of(
            "# Audit log benchmark",
            "",
            String.format(
                "Run %s on %d CPUs (load average %.1f at the end), %d events ingested through"
                    + " Kafka, %d records added by the fast path, %d records in the log. Targets"
                    + " from issue 9.",
                Instant.now(),
                os.getAvailableProcessors(),
                os.getSystemLoadAverage(),
                sent,
                filled,
                total),
            "",
            "| measure | audit-service | raw PostgreSQL, same run | target |",
            "|---|---|---|---|",
            String.format(
                "| ingest (events/s), Kafka to stored and chained | %.0f | %.0f with COPY;"
                    + " %.0f with the service's insert ... select from unnest (the same rows,"
                    + " 5,000 per transaction, into a copy of audit_record) | ≥ 20000 |",
                ingest, rawInsert.copy(), rawInsert.unnest()),
            String.format(
                "| ingest and republish (events/s), until the last AuditRecorded is on"
                    + " slipway.audit | %.0f | | |",
                published),
            String.format(
                "| query p99 (ms), all filters below, 100 per page | %.1f | %.1f (same SQL over"
                    + " JDBC) | ≤ 50 |",
                Percentiles.of(allApi).p99(), Percentiles.of(allSql).p99()),
            String.format(
                "| query p50 (ms) | %.1f | %.1f | |",
                Percentiles.of(allApi).p50(), Percentiles.of(allSql).p50()),
            String.format(
                "| verify (records/s) | %.0f | %.0f (every column of every record in order)"
                    + " | ≥ 100000 |",
                verify, rawSelect),
            "",
            "| filter (100 per page) | API p50 / p99 (ms) | SQL p50 / p99 (ms) | plan; EXPLAIN"
                + " ANALYZE time |",
            "|---|---|---|---|"));
    queries.forEach(
        (kind, q) ->
            lines.add(
                String.format(
                    "| %s | %.1f / %.1f | %.1f / %.1f | %s |",
                    kind,
                    Percentiles.of(q.api()).p50(),
                    Percentiles.of(q.api()).p99(),
                    Percentiles.of(q.sql()).p50(),
                    Percentiles.of(q.sql()).p99(),
                    q.plan())));
    lines.add("");
    return String.join("\n", lines);
  }
}
