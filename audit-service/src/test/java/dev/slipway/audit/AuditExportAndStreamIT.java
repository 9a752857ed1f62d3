package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditExportAndStreamIT {

  @TestHTTPResource("/api/v1/audit/stream")
  URI stream;

  private static String deploy(String operationId) {
    CloudEvents.send(
        Topics.DEPLOY,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());
    return operationId;
  }

  private static void awaitRecorded(String operationId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.trail(Api.ADMIN, operationId).size() == 1);
  }

  @Test
  void exportsAsCsvAndJsonLinesWithTheSameFiltersAndTeamIsolation() throws Exception {
    String operationId = deploy(UUID.randomUUID().toString());
    awaitRecorded(operationId);

    String csv =
        Api.as(Api.ALICE)
            .accept("text/csv")
            .queryParam("operationId", operationId)
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    List<String> rows = csv.lines().toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("seq,event_id,type,");
    assertThat(rows.get(1))
        .contains("\"dev.slipway.deploy.requested.v1\"", "\"payments\"", "\"" + operationId + "\"");

    String jsonl =
        Api.as(Api.ALICE)
            .accept("application/x-ndjson")
            .queryParams(Map.of("operationId", operationId, "format", "jsonl"))
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode line = new ObjectMapper().readTree(jsonl.lines().findFirst().orElseThrow());
    assertThat(line.get("operationId").asText()).isEqualTo(operationId);
    assertThat(line.get("hash").asText()).hasSize(64);
    assertThat(line.get("payload").get("app").asText()).isEqualTo("hello");

    String carols =
        Api.as(Api.CAROL)
            .accept("application/x-ndjson")
            .queryParams(Map.of("operationId", operationId, "format", "jsonl"))
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(carols).isEmpty();
    Api.as(Api.ALICE)
        .accept("text/csv")
        .queryParam("format", "xml")
        .get("/api/v1/audit/export")
        .then()
        .statusCode(400);
  }

  @Test
  void theLiveStreamSendsNewRecordsMatchingItsFilters() throws Exception {
    String operationId = UUID.randomUUID().toString();
    String token = TestOidcServer.shared().token(Api.ALICE, List.of("/teams/payments/developer"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stream + "?operationId=" + operationId))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);

    CompletableFuture<String> data =
        CompletableFuture.supplyAsync(
            () -> {
              try (var reader =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = reader.readLine()) != null) {
                  if (l.startsWith("data:")) {
                    return l.substring(5).trim();
                  }
                }
                return null;
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
    deploy(UUID.randomUUID().toString()); // another operation: filtered out
    deploy(operationId);

    JsonNode item = new ObjectMapper().readTree(data.get(60, TimeUnit.SECONDS));
    assertThat(item.get("operationId").asText()).isEqualTo(operationId);
    assertThat(item.get("type").asText()).isEqualTo("dev.slipway.deploy.requested.v1");
    response.body().close();
  }

  @Test
  void anEnvironmentsTimelineIsInTimeOrderWithCategories() {
    String operationId = deploy(UUID.randomUUID().toString());
    awaitRecorded(operationId);

    var timeline =
        Api.as(Api.ALICE)
            .queryParams(Map.of("team", "payments", "environment", "dev"))
            .get("/api/v1/audit/timeline")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> entries = timeline.getList("");
    assertThat(entries)
        .anySatisfy(
            e -> {
              assertThat(e.get("operationId")).isEqualTo(operationId);
              assertThat(e.get("category")).isEqualTo("deploy");
              assertThat(e.get("fact")).isEqualTo("requested");
            });
    // As instants: ISO text does not sort (".473Z" vs ".473133Z").
    List<java.time.Instant> times =
        timeline.<String>getList("at").stream().map(java.time.Instant::parse).toList();
    assertThat(times).isSorted();

    assertThat(
            Api.as(Api.CAROL)
                .queryParams(Map.of("team", "payments", "environment", "dev"))
                .get("/api/v1/audit/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(""))
        .isEmpty();
    Api.as(Api.ALICE).get("/api/v1/audit/timeline").then().statusCode(400);
  }

  @Test
  void everyRecordIsRepublishedNormalizedOnTheAuditTopicInChainOrder() throws Exception {
    String operationId = UUID.randomUUID().toString();
    String eventId =
        CloudEvents.send(
            Topics.DEPLOY,
            EventCatalog.DEPLOY_REQUESTED.ceType(),
            "payments/dev/hello",
            CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());
    var records =
        dev.slipway.testkit.kafka.CloudEventRecords.onSharedBroker()
            .await(
                Topics.AUDIT,
                dev.slipway.testkit.kafka.CloudEventRecords.ofType(
                        EventCatalog.AUDIT_RECORDED.ceType())
                    .and(r -> r.value().contains(eventId)),
                1,
                Duration.ofSeconds(60));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo(dev.slipway.events.AuditRecorded.KEY);
    var recorded =
        (dev.slipway.events.AuditRecorded)
            dev.slipway.events.EventJson.read(EventCatalog.AUDIT_RECORDED, records.get(0).value());
    assertThat(recorded.team()).isEqualTo("payments");
    assertThat(recorded.operationId()).isEqualTo(operationId);
    Map<String, Object> stored = Api.trail(Api.ADMIN, operationId).get(0);
    assertThat(recorded.hash()).isEqualTo(stored.get("hash"));
    assertThat(recorded.seq()).isEqualTo(((Number) stored.get("seq")).longValue());
  }
}
