package dev.slipway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cloud bills uploaded to the running app and shared out over list-priced figures worked out by
 * hand (the files are those of BillReadersTest).
 *
 * <pre>
 * AWS CUR, 10 May: nodes 4.608 + 2.304 = 6.912, other 0.2667 + 0.05 + 0.72 = 1.0367; 11 May: nodes 4.608
 * list prices, 10 May: capacity 13.824; dev/web 4.00, dev overhead 0.20, pr-7/web 2.00 (apps: 6)
 *              11 May: capacity unknown; dev/web 2.304
 * 10 May: factor 6.912 / 13.824 = 0.5: dev/web 2, pr-7/web 1, idle 6.912 − 3 = 3.912
 * 11 May: factor 4.608 / 2.304 = 2: dev/web 4.608, idle 0
 * dev: list 6.504, billed 2 + 0.20 + 4.608 = 6.808; pr-7: list 2, billed 1
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
class CloudBillIT {

  static final String TEAM = "initech-" + Long.toString(System.nanoTime() % 100000, 36);
  static final String MAY_10 = "2030-05-10";
  static final String MAY_11 = "2030-05-11";

  @Inject Pool pool;
  @Inject TestClock clock;

  @Test
  @Order(1)
  void onlyPlatformAdminsImportAndReconcile() throws IOException {
    Api.techLead(TEAM)
        .contentType("text/csv")
        .body(file("aws-cur-legacy.csv"))
        .post("/api/v1/platform/costs/bills/aws-cur")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    Api.developer(TEAM).get("/api/v1/platform/costs/reconciliation").then().statusCode(403);
  }

  @Test
  @Order(2)
  void aCurIsImportedPerDayNodesApart() throws IOException {
    pool.preparedQuery("delete from bill_daily where day between $1 and $2")
        .execute(Tuple.of(LocalDate.parse(MAY_10), LocalDate.parse(MAY_11)))
        .await()
        .indefinitely();
    var imported =
        Api.admin()
            .contentType("text/csv")
            .body(file("aws-cur-legacy.csv"))
            .post("/api/v1/platform/costs/bills/aws-cur")
            .then()
            .statusCode(200)
            .body("provider", equalTo("aws-cur"))
            .body("rows", equalTo(6))
            .body("from", equalTo(MAY_10))
            .body("to", equalTo(MAY_11))
            .body("currency", equalTo("USD"))
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(imported.getString("nodeAmount"))).isEqualByComparingTo("11.52");
    assertThat(new BigDecimal(imported.getString("otherAmount"))).isEqualByComparingTo("1.0367");
  }

  @Test
  @Order(3)
  void aGzippedGcpExportIsImportedToo() throws IOException {
    var imported =
        Api.admin()
            .contentType("application/gzip")
            .body(gzip(file("gcp-billing.jsonl")))
            .post("/api/v1/platform/costs/bills/gcp-billing")
            .then()
            .statusCode(200)
            .body("rows", equalTo(5))
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(imported.getString("nodeAmount"))).isEqualByComparingTo("5.5");
    assertThat(new BigDecimal(imported.getString("otherAmount"))).isEqualByComparingTo("0.5");
  }

  @Test
  @Order(4)
  void aMalformedFileIsRefusedWithItsLineAndNothingIsStored() {
    String cur =
        "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/ResourceId,lineItem/UnblendedCost,"
            + "lineItem/CurrencyCode\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-1,999,USD\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-2,lots,USD\n";
    Api.admin()
        .contentType("text/csv")
        .body(cur)
        .post("/api/v1/platform/costs/bills/aws-cur")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("lineItem/UnblendedCost"))
        .body("errors[0].reason", equalTo("line 3: is not a number"));
    Api.admin()
        .contentType("text/csv")
        .body(
            cur.substring(0, cur.indexOf('\n') + 1) + "2030-05-10T00:00:00Z,AmazonEC2,i-1,9,EUR\n")
        .post("/api/v1/platform/costs/bills/aws-cur")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("currency"))
        .body("errors[0].reason", containsString("price list in USD"));
    Api.admin()
        .contentType("text/csv")
        .body("x")
        .post("/api/v1/platform/costs/bills/azure")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("provider"));
    // the refused files left 10 May as the CUR said
    var day =
        pool.preparedQuery(
                "select node_amount from bill_daily where provider = 'aws-cur' and day = $1")
            .execute(Tuple.of(LocalDate.parse(MAY_10)))
            .await()
            .indefinitely();
    assertThat(day.iterator().next().getBigDecimal(0)).isEqualByComparingTo("6.912");
  }

  @Test
  @Order(5)
  void theNodesBillIsSharedOutByListCostIdleAndUnallocatedApart() {
    fixture();
    JsonPath r = reconciliation();

    assertThat(decimal(r, "nodeBill")).isEqualByComparingTo("11.52");
    assertThat(decimal(r, "allocated")).isEqualByComparingTo("7.608");
    assertThat(decimal(r, "idle")).isEqualByComparingTo("3.912");
    assertThat(decimal(r, "unallocated")).isEqualByComparingTo("1.0367");
    assertThat(decimal(r, "days[0].factor")).isEqualByComparingTo("0.5");
    assertThat(decimal(r, "days[1].factor")).isEqualByComparingTo("2");
    assertThat(decimal(r, env("dev") + ".listAmount")).isEqualByComparingTo("6.504");
    assertThat(decimal(r, env("dev") + ".billedAmount")).isEqualByComparingTo("6.808");
    assertThat(decimal(r, env("pr-7") + ".billedAmount")).isEqualByComparingTo("1");

    // the team sees the same in its showback, beside the list amounts
    JsonPath showback =
        Api.developer(TEAM)
            .queryParams(Map.of("from", MAY_10, "to", MAY_11))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(decimal(showback, "total")).isEqualByComparingTo("8.504");
    assertThat(decimal(showback, "billedTotal")).isEqualByComparingTo("7.808");
    assertThat(decimal(showback, "items.find { it.environment == 'dev' }.billedAmount"))
        .isEqualByComparingTo("6.808");
    assertThat(decimal(showback, "items.find { it.environment == 'pr-7' }.billedAmount"))
        .isEqualByComparingTo("1");
    JsonPath byDay =
        Api.developer(TEAM)
            .queryParams(Map.of("from", MAY_10, "to", MAY_11, "groupBy", "day"))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // 10 May: 2 + 0.20 + 1; 11 May: 4.608
    assertThat(decimal(byDay, "items[0].billedAmount")).isEqualByComparingTo("3.2");
    assertThat(decimal(byDay, "items[1].billedAmount")).isEqualByComparingTo("4.608");
  }

  @Test
  @Order(6)
  void aLaterImportOfTheSameDaysReplacesThem() throws IOException {
    // CUR 2.0 for 10 May: an m5.large 2.304, the EKS control plane 2.40
    Api.admin()
        .contentType("text/csv")
        .body(file("aws-cur2.csv"))
        .post("/api/v1/platform/costs/bills/aws-cur")
        .then()
        .statusCode(200);
    JsonPath r = reconciliation();
    // 10 May: factor 2.304 / 13.824 = 1/6: dev/web 0.6667, pr-7/web 0.3333, idle 1.304
    assertThat(decimal(r, "days[0].nodeBill")).isEqualByComparingTo("2.304");
    assertThat(decimal(r, "days[0].idle")).isEqualByComparingTo("1.304");
    assertThat(decimal(r, "unallocated")).isEqualByComparingTo("2.40");
    assertThat(decimal(r, "nodeBill")).isEqualByComparingTo("6.912");
  }

  /**
   * After the CUR 2.0 import: 10 May factor 2.304 / 13.824 = 1/6, 11 May factor 4.608 / 2.304 = 2.
   *
   * <pre>
   * dev/web:  4.00 × 1/6 + 2.304 × 2 = 0.66667 + 4.608 = 5.27467   (list 6.304)
   * dev/"":   0.20 (an overhead: never rescaled)
   * pr-7/web: 2.00 × 1/6 = 0.33333                             (list 2.00)
   * total 5.808 (list 8.504); dev month to date 5.47467 of a 10 budget: 54.7 %
   * </pre>
   */
  @Test
  @Order(7)
  void chargebackAndBudgetsChargeTheBilledCostWhereABillCoversTheDay() {
    clock.set(Instant.parse("2030-05-20T12:00:00Z"));
    JsonPath report =
        Api.developer(TEAM)
            .accept("application/json")
            .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-05")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(decimal(report, "total")).isEqualByComparingTo("5.8080");
    assertThat(decimal(report, line("dev", "web"))).isEqualByComparingTo("5.2747");
    assertThat(decimal(report, line("dev", ""))).isEqualByComparingTo("0.2000");
    assertThat(decimal(report, line("pr-7", "web"))).isEqualByComparingTo("0.3333");

    JsonPath budgets =
        Api.techLead(TEAM)
            .contentType("application/json")
            .body("{\"environments\":{\"dev\":10}}")
            .put("/api/v1/teams/" + TEAM + "/budgets")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(decimal(budgets, "status.find { it.environment == 'dev' }.spent"))
        .isEqualByComparingTo("5.4747");
    assertThat(decimal(budgets, "status.find { it.environment == 'dev' }.percent"))
        .isEqualByComparingTo("54.7");

    // a day without a bill stays at list price: 12 May, dev/web 1.00
    costLine("dev", "web", LocalDate.parse("2030-05-12"), "1.00");
    JsonPath withListDay =
        Api.developer(TEAM)
            .accept("application/json")
            .get("/api/v1/teams/" + TEAM + "/costs/reports/2030-05")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(decimal(withListDay, "total")).isEqualByComparingTo("6.8080");
  }

  private static String line(String environment, String app) {
    return "lines.find { it.environment == '"
        + environment
        + "' && it.app == '"
        + app
        + "' }.amount";
  }

  private JsonPath reconciliation() {
    return Api.admin()
        .queryParams(Map.of("from", MAY_10, "to", MAY_11))
        .get("/api/v1/platform/costs/reconciliation")
        .then()
        .statusCode(200)
        .body("currency", equalTo("USD"))
        .extract()
        .jsonPath();
  }

  /** The days' list-priced figures as sampling stores them. */
  private void fixture() {
    LocalDate may10 = LocalDate.parse(MAY_10);
    LocalDate may11 = LocalDate.parse(MAY_11);
    pool.preparedQuery("delete from cost_daily where day between $1 and $2")
        .execute(Tuple.of(may10, may11))
        .await()
        .indefinitely();
    pool.preparedQuery("delete from cluster_daily where day between $1 and $2")
        .execute(Tuple.of(may10, may11))
        .await()
        .indefinitely();
    pool.preparedQuery("insert into cluster_daily values ($1, 0, 0, 13.824, 6, 'USD')")
        .execute(Tuple.of(may10))
        .await()
        .indefinitely();
    costLine("dev", "web", may10, "4.00");
    costLine("dev", "", may10, "0.20");
    costLine("pr-7", "web", may10, "2.00");
    costLine("dev", "web", may11, "2.304");
  }

  private void costLine(String env, String app, LocalDate day, String amount) {
    pool.preparedQuery("insert into cost_daily values ($1, $2, $3, $4, 0, 0, $5, 'USD')")
        .execute(Tuple.of(TEAM, env, app, day, new BigDecimal(amount)))
        .await()
        .indefinitely();
  }

  private static String env(String environment) {
    return "environments.find { it.team == '"
        + TEAM
        + "' && it.environment == '"
        + environment
        + "' }";
  }

  private static BigDecimal decimal(JsonPath json, String path) {
    return new BigDecimal(json.getString(path));
  }

  static byte[] file(String name) throws IOException {
    try (InputStream in = CloudBillIT.class.getResourceAsStream("/bills/" + name)) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
