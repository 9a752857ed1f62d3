package dev.slipway.deploy.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.ClusterLocator;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An app's logs, events, metrics and trace link over the real API server, with deploy-service's own
 * ServiceAccount and RBAC: a real deploy makes the app, real Pods and Events are listed by
 * Slipway's labels; only the kubelet's log stream is scripted (ScriptedLogs).
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(
    value = KubernetesTestResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "service-account", value = "deploy-service"))
@QuarkusTestResource(value = FakePrometheus.class, restrictToAnnotatedClass = true)
class ObservabilityIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "payments-dev";
  private static String app;

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();
  private final KubernetesClient admin = ClusterLocator.locate().adminClient();
  @Inject ScriptedLogs logs;

  @BeforeEach
  void appWithPods() throws Exception {
    logs.reset();
    if (app != null) {
      return;
    }
    String name = "obs-" + UUID.randomUUID().toString().substring(0, 6);
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .serverSideApply();
    deploy(name);
    // Pods as the CronJob's runs would make them (no run is due: the schedule is yearly), one
    // with a sidecar; and another app's pod, which no route of this app may read.
    pod(name + "-run-a", name, "main");
    pod(name + "-run-b", name, "main", "proxy");
    pod("other-run-a", "other-" + name, "main");
    app = name;
  }

  @Test
  void logsOfEveryContainerMergeInTimeOrderWithTheirPrefix() {
    logs.script(app + "-run-a", "main", "2026-11-25T10:00:01Z start", "2026-11-25T10:00:04Z done");
    logs.script(app + "-run-b", "main", "2026-11-25T10:00:02Z GET /x 500");
    logs.script(app + "-run-b", "proxy", "2026-11-25T10:00:03Z upstream 503");
    logs.script("other-run-a", "main", "2026-11-25T10:00:00Z not yours");

    var answer =
        given()
            .auth()
            .oauth2(developer())
            .get(path(app) + "/logs?tail=3")
            .then()
            .statusCode(200)
            .body(
                "sources", contains(app + "-run-a/main", app + "-run-b/main", app + "-run-b/proxy"))
            .extract()
            .jsonPath();
    assertThat(answer.getList("lines.line", String.class))
        .containsExactly(
            app + "-run-b/main GET /x 500",
            app + "-run-b/proxy upstream 503",
            app + "-run-a/main done");
    assertThat(answer.getString("lines[0].time")).isEqualTo("2026-11-25T10:00:02Z");
    assertThat(logs.reads()).extracting(ScriptedLogs.Read::namespace).containsOnly(NS);
    assertThat(logs.reads()).extracting(ScriptedLogs.Read::tailLines).containsOnly(3);
  }

  @Test
  void podContainerTextAndSinceNarrowWhatIsRead() {
    logs.script(
        app + "-run-b", "main", "2026-11-25T10:00:02Z GET /x 500", "2026-11-25T10:00:05Z ok");
    logs.script(app + "-run-b", "proxy", "2026-11-25T10:00:03Z upstream 503");

    given()
        .auth()
        .oauth2(developer())
        .get(
            path(app)
                + "/logs?pod="
                + app
                + "-run-b&container=main&grep=500&since=2026-11-25T09:00:00Z")
        .then()
        .statusCode(200)
        .body("sources", contains(app + "-run-b/main"))
        .body("lines.message", contains("GET /x 500"));
    assertThat(logs.reads())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.since()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
              // A filter reads deeper than the tail, so the tail counts matching lines.
              assertThat(r.tailLines()).isGreaterThan(100);
            });

    given()
        .auth()
        .oauth2(developer())
        .queryParam("grep", "5\\d\\d$")
        .queryParam("regex", true)
        .get(path(app) + "/logs")
        .then()
        .statusCode(200)
        .body("lines.message", contains("GET /x 500", "upstream 503"));

    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/logs?pod=other-run-a")
        .then()
        .statusCode(404);
    assertThat(logs.reads()).noneMatch(r -> r.pod().startsWith("other-"));
  }

  @Test
  void badLogParametersAreProblemsWithTheirFields() {
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/logs?tail=1000000&since=yesterday&grep=(&regex=true")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("tail", "since", "grep"));
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/logs/follow?tail=x")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("tail"));
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/logs/follow?pod=" + app + "-run-z")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/logs?follow=true")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("follow"));
    assertThat(logs.reads()).isEmpty();
  }

  @Test
  void followStreamsNewLinesAndStopsReadingWhenTheClientGoes() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    RestAssured.baseURI
                        + ":"
                        + RestAssured.port
                        + path(app)
                        + "/logs/follow?tail=1&container=main&grep=interesting"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + developer())
            .build();
    logs.script(app + "-run-a", "main", "2026-11-25T10:00:01Z interesting history");
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(nextData(reader))
          .contains("\"line\":\"" + app + "-run-a/main interesting history\"");
      await().atMost(WAIT).until(() -> logs.followsOpen().size() == 2);
      assertThat(logs.followsOpen())
          .containsExactlyInAnyOrder(app + "-run-a/main", app + "-run-b/main");
      logs.write(app + "-run-b", "main", "2026-11-25T10:01:00Z boring");
      logs.write(app + "-run-b", "main", "2026-11-25T10:01:01Z interesting now");
      assertThat(nextData(reader)).contains("\"message\":\"interesting now\"");
    }
    // The client went away: both containers' streams are closed.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              logs.write(app + "-run-b", "main", "2026-11-25T10:02:00Z interesting keep-alive");
              assertThat(logs.followsClosed())
                  .containsExactlyInAnyOrder(app + "-run-a/main", app + "-run-b/main");
            });
  }

  @Test
  void eventsOfTheAppsObjectsNewestFirst() {
    event(
        app + "-a",
        "CronJob",
        app,
        "Normal",
        "SawCompletedJob",
        "Saw completed job",
        1,
        "2026-11-25T10:00:00Z");
    event(
        app + "-b",
        "Pod",
        app + "-run-b",
        "Warning",
        "BackOff",
        "Back-off restarting failed container",
        7,
        "2026-11-25T11:00:00Z");
    event(
        app + "-c",
        "Pod",
        "other-run-a",
        "Warning",
        "BackOff",
        "not this app's",
        3,
        "2026-11-25T12:00:00Z");

    var items =
        given()
            .auth()
            .oauth2(developer())
            .get(path(app) + "/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items", Map.class);
    // The scheduler's own events about these pods may be there too: all of them the app's.
    assertThat(items)
        .extracting(e -> (String) e.get("object"))
        .allMatch(o -> o.startsWith("Pod/" + app + "-run-") || o.equals("CronJob/" + app))
        .contains("Pod/" + app + "-run-b", "CronJob/" + app);
    assertThat(items)
        .extracting(e -> Instant.parse((String) e.get("lastTime")))
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(items)
        .filteredOn(e -> "BackOff".equals(e.get("reason")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("type")).isEqualTo("Warning");
              assertThat(e.get("object")).isEqualTo("Pod/" + app + "-run-b");
              assertThat(e.get("count")).isEqualTo(7);
              assertThat(e.get("lastTime")).isEqualTo("2026-11-25T11:00:00Z");
              assertThat(e.get("message")).isEqualTo("Back-off restarting failed container");
            });
    assertThat(items)
        .filteredOn(e -> "SawCompletedJob".equals(e.get("reason")))
        .singleElement()
        .satisfies(e -> assertThat(e.get("source")).isEqualTo("kubelet"));
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/events?limit=1")
        .then()
        .body("items.size()", equalTo(1));
    given().auth().oauth2(developer()).get(path(app) + "/events?limit=0").then().statusCode(400);
  }

  @Test
  void metricsSayWhenTheMetricsApiIsMissingAndAskPrometheusForThisApp() {
    FakePrometheus.RECEIVED.clear();
    var answer =
        given()
            .auth()
            .oauth2(developer())
            .get(path(app) + "/metrics?range=30m&step=1m&end=2026-11-25T12:00:00Z")
            .then()
            .statusCode(200)
            .body("resources.available", equalTo(false))
            .body("resources.reason", startsWith("metrics API not available"))
            .body("traffic.configured", equalTo(true))
            .body("traffic.available", equalTo(true))
            .extract()
            .jsonPath();
    assertThat(FakePrometheus.RECEIVED).hasSize(4);
    assertThat(FakePrometheus.RECEIVED)
        .allSatisfy(
            q -> {
              assertThat(q.get("query"))
                  .contains("namespace=\"payments-dev\"")
                  .contains("app_kubernetes_io_name=\"" + app + "\"")
                  .doesNotContain("{{");
              assertThat(q.get("end"))
                  .isEqualTo(
                      String.valueOf(Instant.parse("2026-11-25T12:00:00Z").getEpochSecond()));
              assertThat(q.get("start"))
                  .isEqualTo(
                      String.valueOf(Instant.parse("2026-11-25T11:30:00Z").getEpochSecond()));
              assertThat(q.get("step")).isEqualTo("60s");
            });
    assertThat(answer.getMap("traffic.series"))
        .containsOnlyKeys("error-rate", "latency-p50", "latency-p99", "request-rate");
    assertThat(answer.getDouble("traffic.series.latency-p99[0].points[0].value")).isEqualTo(0.25);
    assertThat(answer.getDouble("traffic.series.latency-p50[0].points[0].value")).isEqualTo(0.02);
    assertThat(answer.getString("traffic.series.request-rate[0].points[1].value")).isNull();

    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/metrics?range=30d&step=1s")
        .then()
        .statusCode(400)
        .body("errors.field", contains("range", "step"));
  }

  @Test
  void theTraceLinkIsTheTemplateFilledForTheApp() {
    given()
        .auth()
        .oauth2(developer())
        .get(path(app) + "/trace")
        .then()
        .statusCode(200)
        .body("configured", equalTo(true))
        .body(
            "url",
            equalTo(
                "https://jaeger.example.com/search?service="
                    + app
                    + ".payments-dev&tags=team%3Dpayments"));
  }

  @Test
  void anotherTeamsAppDoesNotExistAndAnAdminSeesIt() {
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    for (String route : List.of("/logs", "/logs/follow", "/events", "/metrics", "/trace")) {
      given()
          .auth()
          .oauth2(carol)
          .get(path(app) + route)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
      given().auth().oauth2(developer()).get(path("never-deployed") + route).then().statusCode(404);
      if (!route.contains("follow")) {
        given()
            .auth()
            .oauth2(TestOidcServer.shared().token("pat", List.of("/platform-admin")))
            .get(path(app) + route)
            .then()
            .statusCode(200);
      }
      given().get(path(app) + route).then().statusCode(401);
    }
    // carol's and the unknown app's requests read nothing; the admin's did
    assertThat(logs.reads())
        .extracting(ScriptedLogs.Read::pod)
        .allMatch(p -> p.startsWith(app + "-run-"));
  }

  private static String nextData(BufferedReader reader) throws Exception {
    StringBuilder seen = new StringBuilder();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.startsWith("data:")) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the stream ended after: " + seen);
  }

  private void deploy(String name) throws Exception {
    ObjectNode request;
    try (InputStream in =
        getClass().getResourceAsStream(EventCatalog.DEPLOY_REQUESTED.exampleResource())) {
      request = (ObjectNode) EventJson.mapper().readTree(in);
    }
    String operationId = UUID.randomUUID().toString();
    request.put("operationId", operationId);
    request.put("team", "payments");
    request.put("environment", "dev");
    request.put("app", name);
    request.set(
        "spec",
        EventJson.mapper()
            .readTree(
                "{\"name\":\""
                    + name
                    + "\",\"type\":\"cron\",\"image\":\"ghcr.io/acme/report:1.0.0\","
                    + "\"schedule\":\"0 0 1 1 *\"}"));
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + name,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        request.toString());
    var results =
        kafka.await(
            "slipway.deploy",
            r ->
                CloudEventRecords.header(r, "ce_type")
                        .orElse("")
                        .equals(EventCatalog.DEPLOY_COMPLETED.ceType())
                    && r.value().contains(operationId),
            1,
            WAIT);
    assertThat(results).as("the app is deployed").hasSize(1);
  }

  private void pod(String name, String appName, String... containers) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withLabels(Labels.app("payments", "dev", appName))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never");
    for (String c : containers) {
      pod = pod.addNewContainer().withName(c).withImage("ghcr.io/acme/report:1.0.0").endContainer();
    }
    admin.resource(pod.endSpec().build()).create();
  }

  private void event(
      String name,
      String kind,
      String object,
      String type,
      String reason,
      String message,
      int count,
      String last) {
    admin
        .v1()
        .events()
        .inNamespace(NS)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind(kind)
                .withName(object)
                .withNamespace(NS)
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withFirstTimestamp("2026-11-25T09:00:00Z")
                .withLastTimestamp(last)
                .withNewSource()
                .withComponent("kubelet")
                .endSource()
                .build())
        .create();
  }

  private static String path(String name) {
    return "/api/v1/teams/payments/environments/dev/apps/" + name;
  }

  private static String developer() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }
}
