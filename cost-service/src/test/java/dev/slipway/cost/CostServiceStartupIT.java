package dev.slipway.cost;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The app boots on real PostgreSQL and Kafka, and its default price list is seeded. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "cost"))
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
  void defaultPriceListIsSeeded() {
    assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
    Map<String, String> prices = new LinkedHashMap<>();
    for (Row row :
        pool.query("select unit, amount::text, currency from price where source = 'default'")
            .execute()
            .await()
            .indefinitely()) {
      prices.put(row.getString(0), row.getString(1) + " " + row.getString(2));
    }
    assertThat(prices)
        .containsOnlyKeys("vCPU-hour", "GiB-hour")
        .containsEntry("vCPU-hour", "0.031611 USD");
  }
}
