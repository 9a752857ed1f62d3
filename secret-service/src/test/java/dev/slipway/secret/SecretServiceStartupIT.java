package dev.slipway.secret;

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
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The app boots on real PostgreSQL and Kafka, and its schema is in place. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "secret"))
class SecretServiceStartupIT {

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
  void secretMetadataTableExistsWithoutAValueColumn() {
    // Every migration ran (a hard-coded latest version broke with each new migration).
    assertThat(flyway.info().pending()).isEmpty();
    assertThat(flyway.info().current()).isNotNull();
    List<String> columns = new ArrayList<>();
    for (Row row :
        pool.query(
                "select column_name from information_schema.columns"
                    + " where table_name = 'secret' order by ordinal_position")
            .execute()
            .await()
            .indefinitely()) {
      columns.add(row.getString(0));
    }
    assertThat(columns)
        .containsExactly(
            "id",
            "team",
            "environment",
            "name",
            "keys",
            "version",
            "created_at",
            "needs_value",
            "updated_at",
            "last_rotated_at",
            "rotation_cron",
            "rotation_every_days",
            "rotation_length",
            "rotation_charset",
            "rotation_keys",
            "next_rotation_at",
            "rotation_hook");
  }
}
