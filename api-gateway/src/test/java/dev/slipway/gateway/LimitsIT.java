package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Oversized and over-nested bodies, too many requests, and slow services: all problem+json. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
class LimitsIT {

  private static final String DEPLOY = "/api/v1/teams/payments/environments/dev/apps";
  private static final String BILLS = "/api/v1/platform/costs/bills/aws-cur";

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  @Test
  void aBodyOverTheLimitIs413ProblemJsonBeforeAnythingReadsIt() {
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(big)
        .post(DEPLOY)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413))
        .body("type", equalTo("https://slipway.dev/problems/too-large"));
  }

  @Test
  void aBodyWithoutALengthThatGrowsOverTheLimitIsAlso413ProblemJson() {
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    // An InputStream body is sent chunked: no Content-Length to refuse it by.
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(new ByteArrayInputStream(big))
        .post(DEPLOY)
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
  }

  /** %test: 2M on every route, 3M on the bill upload, which is streamed on to cost-service. */
  @Test
  void aCloudBillOverTheGeneralLimitIsStreamedToCostServiceWithOrWithoutALength() throws Exception {
    String admin = TestOidcServer.shared().token("admin", List.of("/platform-admin"));
    byte[] bill = new byte[2_500_000];
    java.util.Arrays.fill(bill, (byte) 'x');
    FakeUpstreams.BILLS.clear();
    given()
        .auth()
        .oauth2(admin)
        .contentType("text/csv")
        .body(bill)
        .post(BILLS)
        .then()
        .statusCode(200);
    assertThat(FakeUpstreams.BILLS.poll(10, TimeUnit.SECONDS)).isEqualTo(bill.length);
    given()
        .auth()
        .oauth2(admin)
        .contentType("application/gzip")
        .body(new ByteArrayInputStream(bill))
        .post(BILLS)
        .then()
        .statusCode(200);
    assertThat(FakeUpstreams.BILLS.poll(10, TimeUnit.SECONDS)).isEqualTo(bill.length);
  }

  @Test
  void aCloudBillOverItsOwnLimitIs413ProblemJsonAndNeverReachesCostService() throws Exception {
    String admin = TestOidcServer.shared().token("admin", List.of("/platform-admin"));
    byte[] bill = new byte[3 * 1024 * 1024 + 1];
    java.util.Arrays.fill(bill, (byte) 'x');
    FakeUpstreams.BILLS.clear();
    given()
        .auth()
        .oauth2(admin)
        .contentType("text/csv")
        .body(bill)
        .post(BILLS)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413));
    given()
        .auth()
        .oauth2(admin)
        .contentType("text/csv")
        .body(new ByteArrayInputStream(bill))
        .post(BILLS)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("https://slipway.dev/problems/too-large"));
    assertThat(FakeUpstreams.BILLS.poll(2, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void jsonNestedTooDeeplyIs400BeforeAnyParserRuns() {
    String deep = "[".repeat(200) + "]".repeat(200);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"deep\",\"image\":\"a/b:1\",\"port\":8080,\"x\":" + deep + "}")
        .post(DEPLOY)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("$"));
  }

  @Test
  void aUserOverTheRateIs429WithRetryAfter() {
    String hasty = TestOidcServer.shared().token("hasty", List.of("/teams/payments/developer"));
    List<Integer> statuses = new ArrayList<>();
    String retryAfter = null;
    for (int i = 0; i < 5; i++) {
      var response = given().auth().oauth2(hasty).get("/api/v1/teams/payments/environments");
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        retryAfter = response.header("Retry-After");
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    }
    assertThat(statuses.subList(0, 3)).doesNotContain(429);
    assertThat(statuses.subList(3, 5)).containsOnly(429);
    assertThat(Long.parseLong(retryAfter)).isBetween(1L, 10L);
    // Another user of the same team is not held back by hasty's bucket.
    given()
        .auth()
        .oauth2(alice())
        .get("/api/v1/teams/payments/environments")
        .then()
        .statusCode(org.hamcrest.Matchers.not(429));
  }

  @Test
  void aTeamOverItsRateIs429ForAllItsMembers() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String member = TestOidcServer.shared().token("busy-" + i, List.of("/teams/busy/developer"));
      statuses.add(
          given().auth().oauth2(member).get("/api/v1/teams/busy/environments").statusCode());
    }
    assertThat(statuses.subList(0, 4)).doesNotContain(429);
    assertThat(statuses.subList(4, 6)).containsOnly(429);
  }

  @Test
  void aServiceThatDoesNotAnswerInTimeIs504ProblemJson() {
    given()
        .auth()
        .oauth2(alice())
        .get(DEPLOY + "/slow")
        .then()
        .statusCode(504)
        .contentType("application/problem+json")
        .body("type", equalTo("https://slipway.dev/problems/upstream-timeout"));
  }
}
