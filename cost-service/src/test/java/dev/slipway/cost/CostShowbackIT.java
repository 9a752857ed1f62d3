package dev.slipway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.ClusterLocator;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Usage sampled from a real Kubernetes API (kwok node; the app runs with cost-service's own RBAC)
 * at times of a test clock, priced, and compared with figures worked out by hand.
 *
 * <pre>
 * prices: 0.04 per vCPU-hour, 0.005 per GiB-hour, 73 per namespace-month (0.10 per hour)
 * &lt;team&gt;-dev:  web-1, web-2 (500m/1Gi each: 0.025/h each), worker (250m/512Mi: 0.0125/h)
 * &lt;team&gt;-pr-7: web (500m/1Gi), a clone of dev's web
 * samples: T0 2030-03-31 22:00, T1 23:30, worker deleted, T2 2030-04-01 00:45, T3 00:50
 *
 * 31 March: dev  web 0.05 × 2 h = 0.10, worker 0.0125 × 1.5 h = 0.01875 (not after T1: it was
 *                deleted), overhead 0.10 × 2 h = 0.20                 → 0.31875
 *           pr-7 web 0.025 × 2 h = 0.05, overhead 0.20                → 0.25
 *  1 April (00:00–00:50): dev web 0.05 × 5/6 h + overhead 0.10 × 5/6 h = 0.125; pr-7 0.025 × 5/6 + 0.10 × 5/6
 * </pre>
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "cost"))
@WithTestResource(
    value = KubernetesTestResource.class,
    initArgs = @ResourceArg(name = "service-account", value = "cost-service"))
@WithTestResource(FakePrometheus.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostShowbackIT {

  static final String TEAM = "acme-" + suffix();
  static final String OTHER = "globex-" + suffix();
  static final Instant T0 = Instant.parse("2030-03-31T22:00:00Z");
  static final Instant T1 = Instant.parse("2030-03-31T23:30:00Z");
  static final Instant T2 = Instant.parse("2030-04-01T00:45:00Z");
  static final Instant T3 = Instant.parse("2030-04-01T00:50:00Z");

  @Inject TestClock clock;
  @Inject Pool pool;
  @Inject dev.slipway.cost.service.ReportService reports;
  @Inject io.vertx.core.Vertx vertx;

  static KubernetesClient kube() {
    return ClusterLocator.locate().adminClient();
  }

  @Test
  @Order(1)
  void onlyPlatformAdminsManagePrices() {
    Api.developer(TEAM).get("/api/v1/platform/prices").then().statusCode(403);
    Api.techLead(TEAM)
        .body(Map.of("vcpuHour", 1, "gibHour", 1, "storageGibMonth", 1, "currency", "USD"))
        .put("/api/v1/platform/prices")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    Api.admin()
        .body(Map.of("vcpuHour", -1, "gibHour", 1, "storageGibMonth", 1, "currency", "usd"))
        .put("/api/v1/platform/prices")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItems("vcpuHour", "currency"));
  }

  @Test
  @Order(2)
  void samplesArePricedAsWorkedOutByHand() throws Exception {
    pool.query(
            "truncate sample_run, cost_daily, cluster_daily, cost_day_published, budget,"
                + " budget_alert, monthly_report cascade")
        .execute()
        .await()
        .indefinitely();
    clock.set(T0.minus(Duration.ofHours(1)));
    Api.admin()
        .body(
            Map.of(
                "vcpuHour", 0.04,
                "gibHour", 0.005,
                "storageGibMonth", 0.10,
                "namespaceMonth", 73,
                "currency", "USD"))
        .put("/api/v1/platform/prices")
        .then()
        .statusCode(200)
        .body("source", equalTo("admin"));

    namespace("dev");
    namespace("pr-7");
    pod("dev", "web-1", "web", "500m", "1Gi");
    pod("dev", "web-2", "web", "500m", "1Gi");
    pod("dev", "worker-1", "worker", "250m", "512Mi");
    pod("pr-7", "web-1", "web", "500m", "1Gi");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kube()
                        .pods()
                        .inAnyNamespace()
                        .withLabel(Labels.TEAM, TEAM)
                        .list()
                        .getItems()
                        .stream()
                        .filter(p -> p.getSpec().getNodeName() != null)
                        .count()
                    == 4);

    // Budgets: at T1 the team has spent 0.43125 of 0.50 (86 %), pr-7 0.1875 of 0.15 (125 %); T2
    // adds March's last half hour: 0.56875 of 0.50, so the team's 100 % is March's too.
    Api.developer(TEAM)
        .body(Map.of("monthly", 0.30))
        .put("/api/v1/teams/" + TEAM + "/budgets")
        .then()
        .statusCode(403);
    Api.techLead(TEAM)
        .body(Map.of("monthly", 0.50, "environments", Map.of("pr-7", 0.15)))
        .put("/api/v1/teams/" + TEAM + "/budgets")
        .then()
        .statusCode(200)
        .body("monthly", equalTo(0.5f));

    sample(T0);
    sample(T1);
    kube()
        .pods()
        .inNamespace(Labels.namespace(TEAM, "dev"))
        .withName("worker-1")
        .withGracePeriod(0)
        .delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kube().pods().inNamespace(Labels.namespace(TEAM, "dev")).withName("worker-1").get()
                    == null);
    sample(T2);
    sample(T3);

    var byApp =
        Api.developer(TEAM)
            .queryParams(Map.of("from", "2030-03-31", "to", "2030-03-31", "groupBy", "app"))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, String> amounts = new HashMap<>();
    List<Map<String, Object>> items = byApp.getList("items");
    for (var item : items) {
      amounts.put(
          item.get("environment") + "/" + item.get("app"), String.valueOf(item.get("amount")));
    }
    assertThat(amounts)
        .containsEntry("dev/web", "0.1")
        .containsEntry("dev/worker", "0.0188") // 0.01875, half-even
        .containsEntry("dev/", "0.2")
        .containsEntry("pr-7/web", "0.05")
        .containsEntry("pr-7/", "0.2")
        .hasSize(5);
    assertThat(new BigDecimal(byApp.getString("total"))).isEqualByComparingTo("0.5688");

    var byEnv =
        Api.developer(TEAM)
            .queryParams(Map.of("from", "2030-03-31", "to", "2030-04-01"))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // dev: 0.31875 + 0.125; pr-7: 0.25 + (0.025 + 0.10) × 5/6 = 0.25 + 0.1041667
    assertThat(new BigDecimal(byEnv.getString("items.find { it.environment == 'dev' }.amount")))
        .isEqualByComparingTo("0.4438");
    assertThat(new BigDecimal(byEnv.getString("items.find { it.environment == 'pr-7' }.amount")))
        .isEqualByComparingTo("0.3542");

    var byDay =
        Api.developer(TEAM)
            .queryParams(Map.of("from", "2030-03-31", "to", "2030-04-01", "groupBy", "day"))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(byDay.getList("items.day")).containsExactly("2030-03-31", "2030-04-01");
    // web-1, web-2 and pr-7's web: 1.5 cores for 2 h, worker 0.25 for 1.5 h
    assertThat(new BigDecimal(byDay.getString("items[0].cpuCoreHours")))
        .isEqualByComparingTo("3.375");
  }

  @Test
  @Order(3)
  void eachEnvironmentsClosedDayIsAnnouncedOnce() throws Exception {
    var records =
        CloudEventRecords.onSharedBroker()
            .collect(
                Topics.COST,
                CloudEventRecords.ofType(EventCatalog.COST_COMPUTED.ceType())
                    .and(r -> r.key().startsWith(TEAM + "/")),
                Duration.ofSeconds(8));
    assertThat(records).hasSize(2);
    Map<String, JsonNode> byKey = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      byKey.put(r.key(), new ObjectMapper().readTree(r.value()));
    }
    JsonNode dev = byKey.get(TEAM + "/dev");
    assertThat(dev.get("day").asText()).isEqualTo("2030-03-31");
    assertThat(dev.get("amount").decimalValue()).isEqualByComparingTo("0.3188");
    assertThat(dev.get("cpuCoreHours").decimalValue()).isEqualByComparingTo("2.375");
    assertThat(byKey.get(TEAM + "/pr-7").get("amount").decimalValue()).isEqualByComparingTo("0.25");
  }

  @Test
  @Order(4)
  void budgetsAreAnnouncedOncePerThresholdAndMonth() throws Exception {
    var records =
        CloudEventRecords.onSharedBroker()
            .collect(
                Topics.COST,
                CloudEventRecords.ofType(EventCatalog.BUDGET_EXCEEDED.ceType())
                    .and(r -> r.key().startsWith(TEAM)),
                Duration.ofSeconds(8));
    List<String> seen =
        records.stream()
            .map(
                r -> {
                  try {
                    JsonNode e = new ObjectMapper().readTree(r.value());
                    return e.get("scope").asText()
                        + ":"
                        + e.get("environment").asText()
                        + ":"
                        + e.get("month").asText()
                        + ":"
                        + e.get("thresholdPercent").asInt();
                  } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                  }
                })
            .toList();
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "team::2030-03:80",
            "team::2030-03:100",
            "environment:pr-7:2030-03:80",
            "environment:pr-7:2030-03:100");
    Api.developer(TEAM)
        .get("/api/v1/teams/" + TEAM + "/budgets")
        .then()
        .statusCode(200)
        .body("environments.'pr-7'", equalTo(0.15f));
  }

  @Test
  @Order(5)
  void theMonthlyReportIsFinalOnceTheMonthIsOverAsCsvOrJson() {
    var json =
        Api.developer(TEAM)
            .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-03")
            .then()
            .statusCode(200)
            .body("complete", equalTo(true))
            .body("currency", equalTo("USD"))
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(json.getString("total"))).isEqualByComparingTo("0.5688");
    assertThat(json.getList("lines")).hasSize(5);

    String csv =
        Api.developer(TEAM)
            .accept("text/csv")
            .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-03")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    assertThat(csv.lines().toList())
        .first()
        .isEqualTo("team,month,environment,app,cpu_core_hours,memory_gib_hours,amount,currency");
    assertThat(csv).contains(TEAM + ",2030-03,dev,worker,0.3750,0.7500,0.0188,USD");

    // The running month is live and says so.
    Api.developer(TEAM)
        .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-04")
        .then()
        .statusCode(200)
        .body("complete", equalTo(false));
    Api.developer(TEAM)
        .post("/api/v1/teams/" + TEAM + "/costs/reports/2030-03")
        .then()
        .statusCode(403);
    Api.techLead(TEAM)
        .post("/api/v1/teams/" + TEAM + "/costs/reports/2030-04")
        .then()
        .statusCode(409);
  }

  @Test
  @Order(6)
  void idleCapacityIsReportedApartForAdmins() {
    Node node = kube().nodes().list().getItems().get(0);
    int nodes = kube().nodes().list().getItems().size();
    assertThat(nodes).isEqualTo(1);
    BigDecimal cpu = node.getStatus().getAllocatable().get("cpu").getNumericalAmount();
    BigDecimal gib =
        node.getStatus()
            .getAllocatable()
            .get("memory")
            .getNumericalAmount()
            .divide(BigDecimal.valueOf(1024L * 1024 * 1024), MathContext.DECIMAL64);
    // capacity from T0 to T3: 2 h 50 min
    BigDecimal hours = new BigDecimal("17").divide(new BigDecimal("6"), MathContext.DECIMAL64);
    BigDecimal capacity =
        cpu.multiply(new BigDecimal("0.04"))
            .add(gib.multiply(new BigDecimal("0.005")))
            .multiply(hours);
    // pods: 3 webs at 0.025/h for 2 h 50 min, the worker 0.0125 for 1.5 h
    BigDecimal allocated = new BigDecimal("0.075").multiply(hours).add(new BigDecimal("0.01875"));

    var platform =
        Api.admin()
            .queryParams(Map.of("from", "2030-03-31", "to", "2030-04-01"))
            .get("/api/v1/platform/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(platform.getString("capacity")))
        .isCloseTo(capacity, org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
    assertThat(new BigDecimal(platform.getString("unallocated")))
        .isCloseTo(
            capacity.subtract(allocated),
            org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
    assertThat(platform.getList("teams.team")).contains(TEAM);
    Api.developer(TEAM).get("/api/v1/platform/costs").then().statusCode(403);
  }

  @Test
  @Order(7)
  void anotherTeamsCostsAnswer404() {
    Api.developer(OTHER)
        .get("/api/v1/teams/" + TEAM + "/costs")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    Api.developer(OTHER)
        .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-03")
        .then()
        .statusCode(404);
    Api.developer(OTHER).get("/api/v1/teams/" + TEAM + "/budgets").then().statusCode(404);
    Api.developer(OTHER)
        .body(Map.of("workloads", List.of(Map.of("app", "x", "cpu", "1"))))
        .post("/api/v1/teams/" + TEAM + "/costs/estimate")
        .then()
        .statusCode(404);
    Api.developer(TEAM)
        .queryParams(Map.of("groupBy", "week", "from", "yesterday"))
        .get("/api/v1/teams/" + TEAM + "/costs")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItems("groupBy", "from"));
  }

  @Test
  @Order(8)
  void aPlansRenderedManifestsAreEstimatedPerMonth() {
    Map<String, Object> deployment =
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", "checkout", "labels", Map.of(Labels.NAME, "checkout")),
            "spec",
            Map.of(
                "replicas",
                3,
                "template",
                Map.of(
                    "spec",
                    Map.of(
                        "containers",
                        List.of(
                            Map.of(
                                "name",
                                "app",
                                "resources",
                                Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi"))))))));
    Map<String, Object> claim =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "PersistentVolumeClaim",
            "metadata",
            Map.of("name", "data", "labels", Map.of(Labels.NAME, "checkout")),
            "spec",
            Map.of("resources", Map.of("requests", Map.of("storage", "10Gi"))));
    Map<String, Object> cron =
        Map.of("apiVersion", "batch/v1", "kind", "CronJob", "metadata", Map.of("name", "nightly"));
    var estimate =
        Api.developer(TEAM)
            .body(
                Map.of(
                    "environment",
                    "pr-8",
                    "manifests",
                    List.of(deployment, claim, cron),
                    "newEnvironment",
                    true))
            .post("/api/v1/teams/" + TEAM + "/costs/estimate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // 3 × (0.25 × 0.04 + 0.5 × 0.005) × 730 = 27.375; 10 GiB × 0.10 = 1; a new environment 73
    assertThat(new BigDecimal(estimate.getString("monthlyAmount"))).isEqualByComparingTo("101.375");
    assertThat(estimate.getList("notPriced")).containsExactly("CronJob/nightly");
  }

  @Test
  @Order(9)
  void aPlanAnswersItsDeltaFromWhatTheAppRunsNowAndACloneWhatItsSourceRuns() {
    // dev's web runs web-1 and web-2 (500m/1Gi each): 2 × 0.025 × 730 = 36.5 a month now
    Map<String, Object> web =
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", "web", "labels", Map.of(Labels.NAME, "web")),
            "spec",
            Map.of(
                "replicas",
                3,
                "template",
                Map.of(
                    "spec",
                    Map.of(
                        "containers",
                        List.of(
                            Map.of(
                                "name",
                                "app",
                                "resources",
                                Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi"))))))));
    var plan =
        Api.developer(TEAM)
            .body(Map.of("environment", "dev", "manifests", List.of(web)))
            .post("/api/v1/teams/" + TEAM + "/costs/estimate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // 3 × 0.0125 × 730 = 27.375, against 36.5 now
    assertThat(new BigDecimal(plan.getString("monthlyAmount"))).isEqualByComparingTo("27.375");
    assertThat(new BigDecimal(plan.getString("currentMonthlyAmount"))).isEqualByComparingTo("36.5");
    assertThat(new BigDecimal(plan.getString("monthlyDelta"))).isEqualByComparingTo("-9.125");

    // a clone of dev: its web as it runs (2 × 36.5 / 2) plus the new environment's 73
    var clone =
        Api.developer(TEAM)
            .body(Map.of("environment", "pr-9", "cloneOf", "dev"))
            .post("/api/v1/teams/" + TEAM + "/costs/estimate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(clone.getString("monthlyAmount"))).isEqualByComparingTo("109.5");
    assertThat(new BigDecimal(clone.getString("monthlyDelta"))).isEqualByComparingTo("109.5");
    var oneReplica =
        Api.developer(TEAM)
            .body(Map.of("environment", "pr-9", "cloneOf", "dev", "replicas", 1))
            .post("/api/v1/teams/" + TEAM + "/costs/estimate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(oneReplica.getString("monthlyAmount"))).isEqualByComparingTo("91.25");
    Api.developer(TEAM)
        .body(Map.of("cloneOf", "Dev!", "replicas", -1))
        .post("/api/v1/teams/" + TEAM + "/costs/estimate")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItems("cloneOf", "replicas"));
  }

  @Test
  @Order(10)
  void theScheduledReportRunMakesEachReportOnceAcrossReplicas() {
    pool.preparedQuery("delete from monthly_report where team = $1")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(TEAM))
        .await()
        .indefinitely();
    Instant firstOfApril = Instant.parse("2030-04-01T00:30:00Z");
    // two replicas fire at once: one report between them
    var made =
        io.smallrye.mutiny.Uni.combine()
            .all()
            .unis(
                onVertx(reports.generateMissing(java.time.YearMonth.of(2030, 3), firstOfApril)),
                onVertx(reports.generateMissing(java.time.YearMonth.of(2030, 3), firstOfApril)))
            .with(list -> list.stream().mapToInt(n -> (Integer) n).sum())
            .await()
            .atMost(Duration.ofSeconds(30));
    assertThat(made).isEqualTo(1);
    // a late run leaves the report of the 1st as it was
    assertThat(
            onVertx(
                    reports.generateMissing(
                        java.time.YearMonth.of(2030, 3), firstOfApril.plusSeconds(3600)))
                .await()
                .atMost(Duration.ofSeconds(30)))
        .isZero();
    var stored =
        pool.preparedQuery("select generated_at from monthly_report where team = $1")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(TEAM))
            .await()
            .indefinitely();
    assertThat(stored.size()).isEqualTo(1);
    assertThat(stored.iterator().next().getOffsetDateTime(0).toInstant()).isEqualTo(firstOfApril);
  }

  /** As the scheduler runs a job: on its own Vert.x context, where Hibernate Reactive works. */
  private <T> io.smallrye.mutiny.Uni<T> onVertx(io.smallrye.mutiny.Uni<T> job) {
    return io.smallrye.mutiny.Uni.createFrom()
        .emitter(
            e ->
                io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(
                        vertx.getOrCreateContext())
                    .runOnContext(v -> job.subscribe().with(e::complete, e::fail)));
  }

  private void sample(Instant at) {
    clock.set(at);
    Api.admin()
        .post("/api/v1/platform/costs/samples")
        .then()
        .statusCode(200)
        .body("skipped", equalTo(false));
  }

  private static void namespace(String env) {
    kube()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(Labels.namespace(TEAM, env))
                .withLabels(Labels.environment(TEAM, env))
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private static void pod(String env, String name, String app, String cpu, String memory) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(Labels.namespace(TEAM, env))
            .withLabels(Labels.app(TEAM, env, app))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.example/app:1")
            .withNewResources()
            .addToRequests("cpu", new Quantity(cpu))
            .addToRequests("memory", new Quantity(memory))
            .endResources()
            .endContainer()
            .endSpec()
            .build();
    kube().pods().resource(pod).create();
  }

  private static String suffix() {
    Random random = new Random();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
