package dev.slipway.cost;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The app boots on real PostgreSQL, Kafka and Kubernetes, its schema migrated. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "cost"))
@WithTestResource(
    value = KubernetesTestResource.class,
    initArgs = @ResourceArg(name = "service-account", value = "cost-service"))
@WithTestResource(FakePrometheus.class)
class CostServiceStartupIT {

  @Inject Flyway flyway;
  @Inject Pool pool;

  @Test
  void isReadyWithItsDatabaseAndKafka() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.status", everyItem(equalTo("UP")))
        .body("checks.name", hasItem(containsString("PostgreSQL")))
        .body("checks.name", hasItem(containsString("Messaging")));
  }

  @Test
  void migratedAndPricedFromConfigurationUntilAnAdminSetsPrices() {
    // Every migration ran (a hard-coded latest version broke with each new migration).
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.info().current()).isNotNull();
    Row seeded =
        pool.query("select count(*) from price where source = 'default'")
            .execute()
            .await()
            .indefinitely()
            .iterator()
            .next();
    assertThat(seeded.getLong(0)).isZero();
    Api.admin()
        .get("/api/v1/platform/prices")
        .then()
        .statusCode(200)
        .body("currency", equalTo("USD"));
  }
}
