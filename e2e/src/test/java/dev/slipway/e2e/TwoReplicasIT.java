package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: two replicas of every service, on one database and one consumer group per service,
 * share the work without handling anything twice. A few hundred operations go through both
 * gateways; then every operation has ended once, every effect (revision, secret version, audit
 * record) matches the operations exactly, both replicas of each consumer own partitions, and the
 * timers every replica runs (expiry warnings, scheduled rotations, chargeback reports) acted once.
 */
class TwoReplicasIT {

  private static final String JSON = "application/json";
  private static final List<String> SERVICES =
      List.of(
          "api-gateway",
          "deploy-service",
          "environment-service",
          "secret-service",
          "cost-service",
          "audit-service");
  private static final Map<String, List<String>> ENVIRONMENTS =
      Map.of("alpha", List.of("dev", "qa"), "beta", List.of("dev"));
  private static final List<String> APPS = List.of("web", "api", "worker", "admin");
  private static final int DEPLOYS_PER_APP = 8;
  private static final int SECRETS_PER_ENV = 8;

  /** Idle for 2 days: inside the 3-day warning window from creation, so warned at once. */
  private static final String SHORT_LIVED = "shortlived";

  private static final List<String> SHORT_LIVED_ENVS = List.of("t1", "t2", "t3");
  private static final Pattern REPORTS_LOG =
      Pattern.compile("month=(\\d{4}-\\d{2}) reports=(\\d+) generated");

  /** Twelve service JVMs on a shared machine: a request may wait long before it is served. */
  private static final Duration SLOW = Duration.ofMinutes(2);

  private static Platform platform;
  private static List<Api> admins;
  private static List<Api> leads;

  @BeforeAll
  static void platform() throws Exception {
    Path work = Files.createTempDirectory("slipway-replicas");
    platform =
        Platform.start(
            Platform.repoRoot(),
            work,
            SERVICES,
            2,
            Map.of(
                // Twelve JVMs warming up on a shared machine answer slowly at first.
                "api-gateway",
                Map.of("slipway.upstream.timeout", "60s"),
                "environment-service",
                Map.of(
                    "slipway.environments.expiry.check-every",
                    "2s",
                    "slipway.environments.expiry.team-idle-days." + SHORT_LIVED,
                    "2"),
                "secret-service",
                Map.of("slipway.secrets.rotation.tick", "1s"),
                "cost-service",
                Map.of("slipway.cost.reports.cron", "0/2 * * * * ?")));
    admins = new ArrayList<>();
    leads = new ArrayList<>();
    List<String> leadGroups = new ArrayList<>();
    ENVIRONMENTS.keySet().forEach(team -> leadGroups.add("/teams/" + team + "/tech-lead"));
    for (Platform.Replica gateway : platform.replicas("api-gateway")) {
      admins.add(new Api(gateway.url(), platform.token("admin", List.of("/platform-admin")), SLOW));
      leads.add(new Api(gateway.url(), platform.token("lena", leadGroups), SLOW));
    }
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void twoReplicasOfEachServiceShareTheWorkAndHandleNothingTwice() throws Exception {
    YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    seedLastMonthsCosts(lastMonth);

    // Environments, alternating gateways; the short-lived team's are warned by the expiry timer.
    List<String> environmentOps = new ArrayList<>();
    int n = 0;
    for (var team : ENVIRONMENTS.entrySet()) {
      for (String env : team.getValue()) {
        environmentOps.add(createEnvironment(admins.get(n++ % 2), team.getKey(), env));
      }
    }
    for (String env : SHORT_LIVED_ENVS) {
      environmentOps.add(createEnvironment(admins.get(n++ % 2), SHORT_LIVED, env));
    }
    Map<String, String> environmentStates = awaitTerminal(admins.get(0), environmentOps);
    assertThat(environmentStates.values()).containsOnly("SUCCEEDED");

    // Deploys and secrets, submitted concurrently through both gateways.
    Map<String, String> deployApp = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> submitted = new ArrayList<>();
    for (var team : ENVIRONMENTS.entrySet()) {
      for (String env : team.getValue()) {
        for (String app : APPS) {
          submitted.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < DEPLOYS_PER_APP; i++) {
                      String op = deploy(leads.get(i % 2), team.getKey(), env, app, i);
                      deployApp.put(op, team.getKey() + "/" + env + "/" + app);
                    }
                    return null;
                  }));
        }
        for (int s = 0; s < SECRETS_PER_ENV; s++) {
          String name = "secret-" + s;
          // Half rotate every minute on their own; all are rotated and updated once by hand.
          String rotation =
              s % 2 == 0
                  ? "{\"cron\":\"* * * * *\",\"length\":16,\"charset\":\"alphanumeric\",\"keys\":[\"password\"]}"
                  : "{\"everyDays\":30,\"length\":16,\"charset\":\"alphanumeric\",\"keys\":[\"password\"]}";
          int index = s;
          submitted.add(
              pool.submit(
                  () -> {
                    secretLifecycle(team.getKey(), env, name, rotation, index);
                    return null;
                  }));
        }
      }
    }
    for (Future<?> f : submitted) {
      f.get();
    }
    pool.shutdown();

    Map<String, String> deployStates = awaitTerminal(leads.get(0), List.copyOf(deployApp.keySet()));
    assertThat(deployStates.values()).containsOnly("SUCCEEDED");
    int environments = ENVIRONMENTS.values().stream().mapToInt(List::size).sum();
    int secrets = environments * SECRETS_PER_ENV;
    // Every deploy was accepted with an operation of its own: 96 deploys, besides 72 secret
    // operations and 6 environments (174 operations in all).
    assertThat(deployApp).hasSize(environments * APPS.size() * DEPLOYS_PER_APP);
    int deploys = deployApp.size();

    // Each successful deploy made exactly one revision; numbers per app run 1..N without gaps.
    Map<String, List<Integer>> revisions = new TreeMap<>();
    Set<String> revisionOps = new java.util.HashSet<>();
    try (Connection db = database("deploy")) {
      for (Map<String, Object> row :
          query(
              db,
              "select a.team || '/' || a.environment || '/' || a.name as app, r.number,"
                  + " r.operation_id::text as op from revision r join app a on a.id = r.app_id"
                  + " where a.team in ('alpha', 'beta') order by app, r.number")) {
        revisions
            .computeIfAbsent((String) row.get("app"), k -> new ArrayList<>())
            .add((Integer) row.get("number"));
        revisionOps.add((String) row.get("op"));
      }
    }
    assertThat(revisionOps).containsExactlyInAnyOrderElementsOf(deployApp.keySet());
    List<Integer> oneToN = new ArrayList<>();
    for (int i = 1; i <= DEPLOYS_PER_APP; i++) {
      oneToN.add(i);
    }
    assertThat(revisions).hasSize(ENVIRONMENTS.values().stream().mapToInt(List::size).sum() * 4);
    revisions.forEach((app, numbers) -> assertThat(numbers).as(app).isEqualTo(oneToN));

    // The audit log holds each operation's facts exactly once (the outbox relays of two replicas
    // publish each row once; a repeated effect would show as a second record with a new id).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, Map<String, Long>> byOp = auditByOperation(deployApp.keySet());
              assertThat(byOp).hasSize(deploys);
              byOp.forEach(
                  (op, types) ->
                      assertThat(types)
                          .as(op)
                          .containsEntry("dev.slipway.deploy.requested.v1", 1L)
                          .containsEntry("dev.slipway.deploy.completed.v1", 1L));
            });
    try (Connection audit = database("audit")) {
      for (String op : environmentOps) {
        assertThat(
                count(
                    audit,
                    "select count(*) from audit_record where operation_id = ? and ce_type ="
                        + " 'dev.slipway.environment.created.v1'",
                    op))
            .as("environment.created of " + op)
            .isEqualTo(1);
      }
    }

    // Secrets: created once, updated once, rotated by hand once; versions 1..N, none twice.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(3))
        .untilAsserted(() -> assertSecretsHistories(secrets));

    // Timers: three expiry warnings (one per environment), and last month's reports made once.
    Thread.sleep(4_000); // two more expiry and report ticks on each replica
    try (Connection audit = database("audit")) {
      assertThat(
              count(
                  audit,
                  "select count(*) from audit_record where team = ? and ce_type ="
                      + " 'dev.slipway.environment.expiring.v1'",
                  SHORT_LIVED))
          .isEqualTo(SHORT_LIVED_ENVS.size());
    }
    long teamsLastMonth;
    try (Connection cost = database("cost")) {
      teamsLastMonth =
          count(
              cost,
              "select count(distinct team) from cost_daily where to_char(day, 'YYYY-MM') = ?",
              lastMonth.toString());
      assertThat(
              count(
                  cost,
                  "select count(*) from monthly_report where month = ?",
                  lastMonth.toString()))
          .isEqualTo(teamsLastMonth);
    }
    Map<String, Long> made = reportsMadeByReplica(lastMonth);
    assertThat(made.values().stream().mapToLong(Long::longValue).sum())
        .as("reports made across replicas " + made)
        .isEqualTo(teamsLastMonth);

    // Both replicas of every consumer group own partitions.
    assertBothReplicasConsume(
        List.of(
            "api-gateway",
            "deploy-service",
            "environment-service",
            "secret-service",
            "audit-service"));
  }

  private static String createEnvironment(Api admin, String team, String env) throws Exception {
    var created =
        admin.post(
            "/api/v1/teams/" + team + "/environments",
            JSON,
            "{\"name\":\"" + env + "\",\"kind\":\"development\"}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
    return created.body().path("operationId").asText();
  }

  private static String deploy(Api lead, String team, String env, String app, int i)
      throws Exception {
    var accepted =
        lead.post(
            "/api/v1/teams/" + team + "/environments/" + env + "/apps",
            JSON,
            "{\"name\":\""
                + app
                + "\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080,"
                + "\"env\":[{\"name\":\"ROUND\",\"value\":\""
                + i
                + "\"}]}");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    return accepted.body().path("operationId").asText();
  }

  /** Create on one gateway, update and rotate on the other: each a synchronous answer. */
  private static void secretLifecycle(
      String team, String env, String name, String rotation, int index) throws Exception {
    String base = "/api/v1/teams/" + team + "/environments/" + env + "/secrets";
    Api first = leads.get(index % 2);
    Api second = leads.get((index + 1) % 2);
    // secret-service learns of the environment from its event: wait for it to know it.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              var created =
                  first.post(
                      base,
                      JSON,
                      "{\"name\":\""
                          + name
                          + "\",\"values\":{\"password\":\"initial-"
                          + index
                          + "\"},\"rotation\":"
                          + rotation
                          + "}");
              if (created.status() == 201) {
                return true;
              }
              assertThat(created.status()).as(created.raw().body()).isEqualTo(404);
              return false;
            });
    var updated = second.put(base + "/" + name, JSON, "{\"values\":{\"password\":\"second\"}}");
    assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
    var rotated = first.post(base + "/" + name + "/rotate", JSON, "");
    assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
  }

  private static void assertSecretsHistories(int secrets) throws SQLException {
    Map<String, List<Map<String, Object>>> bySecret = new TreeMap<>();
    try (Connection audit = database("audit")) {
      for (Map<String, Object> row :
          query(
              audit,
              "select team || '/' || environment || '/' || (payload->>'name') as secret, ce_type,"
                  + " payload->>'trigger' as trigger, (payload->>'version')::int as version,"
                  + " date_trunc('minute', (payload->>'rotatedAt')::timestamptz)::text as minute"
                  + " from audit_record where team in ('alpha', 'beta') and ce_type in"
                  + " ('dev.slipway.secret.created.v1', 'dev.slipway.secret.rotated.v1')"
                  + " order by seq")) {
        bySecret.computeIfAbsent((String) row.get("secret"), k -> new ArrayList<>()).add(row);
      }
    }
    assertThat(bySecret).hasSize(secrets);
    bySecret.forEach(
        (secret, events) -> {
          Map<String, Long> triggers =
              events.stream()
                  .filter(e -> e.get("trigger") != null)
                  .collect(
                      Collectors.groupingBy(e -> (String) e.get("trigger"), Collectors.counting()));
          assertThat(events.stream().filter(e -> e.get("ce_type").toString().contains("created")))
              .as(secret + " created")
              .hasSize(1);
          assertThat(triggers).as(secret).containsEntry("update", 1L).containsEntry("rotate", 1L);
          List<Integer> versions =
              events.stream()
                  .filter(e -> e.get("version") != null)
                  .map(e -> (Integer) e.get("version"))
                  .sorted()
                  .toList();
          assertThat(versions).as(secret + " versions").doesNotHaveDuplicates();
          // A scheduled rotation is due once a minute: two in one minute would be a double run.
          Map<Object, Long> schedulePerMinute =
              events.stream()
                  .filter(e -> "schedule".equals(e.get("trigger")))
                  .collect(Collectors.groupingBy(e -> e.get("minute"), Collectors.counting()));
          assertThat(schedulePerMinute.values()).as(secret).allMatch(c -> c == 1L);
          boolean everyMinute = Integer.parseInt(secret.replaceAll(".*-", "")) % 2 == 0;
          if (everyMinute) {
            assertThat(schedulePerMinute).as(secret + " rotated on schedule").isNotEmpty();
          } else {
            assertThat(schedulePerMinute).as(secret).isEmpty();
          }
        });
  }

  private static Map<String, Map<String, Long>> auditByOperation(Set<String> ops)
      throws SQLException {
    Map<String, Map<String, Long>> byOp = new HashMap<>();
    try (Connection audit = database("audit")) {
      for (Map<String, Object> row :
          query(
              audit,
              "select operation_id, ce_type, count(*) as n from audit_record where team in"
                  + " ('alpha', 'beta') and ce_type like 'dev.slipway.deploy.%' group by"
                  + " operation_id, ce_type")) {
        String op = (String) row.get("operation_id");
        if (ops.contains(op)) {
          byOp.computeIfAbsent(op, k -> new HashMap<>())
              .put((String) row.get("ce_type"), (Long) row.get("n"));
        }
      }
    }
    return byOp;
  }

  /** Polls the operations (through one gateway: state is shared) until each has a final state. */
  private static Map<String, String> awaitTerminal(Api api, List<String> ops) {
    Map<String, String> states = new ConcurrentHashMap<>();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String op : ops) {
                if (!states.containsKey(op)) {
                  JsonNode body = api.get("/api/v1/operations/" + op).body();
                  String state = body.path("state").asText();
                  if (Set.of("SUCCEEDED", "FAILED", "REJECTED").contains(state)) {
                    states.put(op, state + (state.equals("SUCCEEDED") ? "" : ": " + body));
                  }
                }
              }
              assertThat(states).hasSize(ops.size());
            });
    return states;
  }

  /** Cost lines of two teams in the month just closed: the report timer's work to do. */
  private static void seedLastMonthsCosts(YearMonth month) throws SQLException {
    LocalDate day = month.atDay(10);
    try (Connection cost = database("cost");
        var insert =
            cost.prepareStatement(
                "insert into cost_daily (team, environment, app, day, cpu_core_hours,"
                    + " memory_gib_hours, amount, currency) values (?, 'dev', 'web', ?, 24, 48,"
                    + " 1.5, 'USD') on conflict do nothing")) {
      for (String team : ENVIRONMENTS.keySet()) {
        insert.setString(1, team);
        insert.setObject(2, day);
        insert.executeUpdate();
      }
    }
  }

  /** What each cost-service replica logged it made for the month: the reports it inserted. */
  private static Map<String, Long> reportsMadeByReplica(YearMonth month) throws Exception {
    Map<String, Long> made = new LinkedHashMap<>();
    for (Platform.Replica replica : platform.replicas("cost-service")) {
      long sum = 0;
      for (String line : Files.readAllLines(replica.process().log())) {
        Matcher m = REPORTS_LOG.matcher(line);
        if (m.find() && m.group(1).equals(month.toString())) {
          sum += Long.parseLong(m.group(2));
        }
      }
      made.put(replica.process().name(), sum);
    }
    return made;
  }

  private static void assertBothReplicasConsume(List<String> groups) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafka.shared().bootstrapServers()))) {
      Map<String, ConsumerGroupDescription> described =
          admin.describeConsumerGroups(groups).all().get();
      for (String group : groups) {
        var members = described.get(group).members();
        // Members with a partition, by client host+id: each replica's consumer is its own member.
        List<MemberDescription> assigned =
            members.stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).toList();
        assertThat(assigned)
            .as(group + " members with partitions: " + members)
            .hasSizeGreaterThanOrEqualTo(2);
      }
    }
  }

  private static Connection database(String name) throws SQLException {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + name,
        postgres.username(),
        postgres.password());
  }

  private static long count(Connection db, String sql, String parameter) throws SQLException {
    try (var statement = db.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<Map<String, Object>> query(Connection db, String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (var statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
