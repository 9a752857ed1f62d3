package dev.slipway.deploy.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.ClusterLocator;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.SimulatedPodLogs;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * Slipway's labels, and their logs come from kwok's simulated kubelet through the API server's
 * {@code pods/log} (SimulatedPodLogs writes them).
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
  private final SimulatedPodLogs podLogs = SimulatedPodLogs.local();
  @Inject KubernetesLogSource source;

  @BeforeEach
  void appWithPods() throws Exception {
    if (app == null) {
      app = freshApp();
    }
  }

  /**
   * An app deployed through the real flow, with pods as its CronJob's runs would make them (no run
   * is due: the schedule is yearly), one with a sidecar; and another app's pod, which no route of
   * this app may read. Log files only grow, so a test that writes lines takes an app of its own.
   */
  private String freshApp() throws Exception {
    String name = "obs-" + UUID.randomUUID().toString().substring(0, 6);
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .serverSideApply();
    deploy(name);
    admin.resource(pod(name + "-run-a", name, null, "main")).create();
    admin.resource(pod(name + "-run-b", name, null, "main", "proxy")).create();
    admin.resource(pod("other-" + name + "-a", "other-" + name, null, "main")).create();
    return name;
  }

  private static SimulatedPodLogs.Line at(String time, String message) {
    return SimulatedPodLogs.Line.at("2026-11-25T" + time + "Z", message);
  }

  @Test
  void logsOfEveryContainerMergeInTimeOrderWithTheirPrefix() throws Exception {
    String name = freshApp();
    podLogs.append(NS, name + "-run-a", "main", at("10:00:01", "start"), at("10:00:04", "done"));
    podLogs.append(NS, name + "-run-b", "main", at("10:00:02", "GET /x 500"));
    podLogs.append(NS, name + "-run-b", "proxy", at("10:00:03", "upstream 503"));
    podLogs.append(NS, "other-" + name + "-a", "main", at("10:00:00", "not yours"));

    var answer =
        given()
            .auth()
            .oauth2(developer())
            .get(path(name) + "/logs?tail=3")
            .then()
            .statusCode(200)
            .body(
                "sources",
                contains(name + "-run-a/main", name + "-run-b/main", name + "-run-b/proxy"))
            .body("unavailable", empty())
            .extract()
            .jsonPath();
    assertThat(answer.getList("lines.line", String.class))
        .containsExactly(
            name + "-run-b/main GET /x 500",
            name + "-run-b/proxy upstream 503",
            name + "-run-a/main done");
    assertThat(answer.getString("lines[0].time")).isEqualTo("2026-11-25T10:00:02Z");
  }

  @Test
  void podContainerTextAndSinceNarrowWhatIsRead() throws Exception {
    String name = freshApp();
    podLogs.append(NS, name + "-run-a", "main", at("10:00:01", "GET /a 500"));
    podLogs.append(
        NS,
        name + "-run-b",
        "main",
        at("10:00:02", "GET /x 500"),
        at("10:00:05", "ok"),
        at("10:00:06", "ok again"));
    podLogs.append(NS, name + "-run-b", "proxy", at("10:00:03", "upstream 503"));

    // A filter reads deeper than the tail: tail counts matching lines, older than the last ones.
    given()
        .auth()
        .oauth2(developer())
        .get(path(name) + "/logs?pod=" + name + "-run-b&container=main&grep=500&tail=1")
        .then()
        .statusCode(200)
        .body("sources", contains(name + "-run-b/main"))
        .body("lines.message", contains("GET /x 500"));
    // since: what the kubelet wrote from then on.
    given()
        .auth()
        .oauth2(developer())
        .get(path(name) + "/logs?since=2026-11-25T10:00:03Z")
        .then()
        .statusCode(200)
        .body("lines.message", contains("upstream 503", "ok", "ok again"));

    given()
        .auth()
        .oauth2(developer())
        .queryParam("grep", "5\\d\\d$")
        .queryParam("regex", true)
        .get(path(name) + "/logs")
        .then()
        .statusCode(200)
        .body("lines.message", contains("GET /a 500", "GET /x 500", "upstream 503"));

    given()
        .auth()
        .oauth2(developer())
        .get(path(name) + "/logs?pod=other-" + name + "-a")
        .then()
        .statusCode(404);
  }

  @Test
  void aPodWhoseNodeDoesNotAnswerIsNamedInAPartialAnswerInsteadOfATimeout() throws Exception {
    String name = freshApp();
    podLogs.append(NS, name + "-run-a", "main", at("10:00:01", "still here"));
    // A node whose kubelet port accepts connections and never answers (a hung kubelet).
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String node = "silent-" + name;
      admin
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(node)
                  .endMetadata()
                  .withNewSpec()
                  .withUnschedulable(true)
                  .endSpec()
                  .withNewStatus()
                  .addNewAddress()
                  .withType("InternalIP")
                  .withAddress("127.0.0.1")
                  .endAddress()
                  .withNewDaemonEndpoints()
                  .withNewKubeletEndpoint()
                  .withPort(silent.getLocalPort())
                  .endKubeletEndpoint()
                  .endDaemonEndpoints()
                  .endStatus()
                  .build())
          .create();
      try {
        admin.resource(pod(name + "-run-z", name, node, "main")).create();
        long begin = System.nanoTime();
        var answer =
            given()
                .auth()
                .oauth2(developer())
                .get(path(name) + "/logs")
                .then()
                .statusCode(200)
                .body(
                    "sources",
                    contains(
                        name + "-run-a/main",
                        name + "-run-b/main",
                        name + "-run-b/proxy",
                        name + "-run-z/main"))
                .extract()
                .jsonPath();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(answer.getList("unavailable.source", String.class))
            .containsExactly(name + "-run-z/main");
        assertThat(answer.getString("unavailable[0].reason")).startsWith("no answer within");
        assertThat(answer.getList("lines.line", String.class))
            .contains(name + "-run-a/main still here");
        // within deploy-service's bound (5 s), well before the gateway's 10 s
        assertThat(took).isLessThan(Duration.ofSeconds(9));
      } finally {
        admin.nodes().withName(node).delete();
        admin.pods().inNamespace(NS).withName(name + "-run-z").withGracePeriod(0).delete();
      }
    }
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
  }

  @Test
  void followStreamsNewLinesAndStopsReadingWhenTheClientGoes() throws Exception {
    String name = freshApp();
    podLogs.append(NS, name + "-run-a", "main", at("10:00:01", "interesting history"));
    podLogs.append(NS, name + "-run-b", "main", at("10:00:02", "boring history"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    RestAssured.baseURI
                        + ":"
                        + RestAssured.port
                        + path(name)
                        + "/logs/follow?tail=1&container=main&grep=interesting"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + developer())
            .build();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(nextData(reader))
          .contains("\"line\":\"" + name + "-run-a/main interesting history\"");
      await().atMost(WAIT).until(() -> source.openFollows() == 2);
      podLogs.append(NS, name + "-run-b", "main", at("10:01:00", "boring"));
      podLogs.append(NS, name + "-run-b", "main", at("10:01:01", "interesting now"));
      assertThat(nextData(reader)).contains("\"message\":\"interesting now\"");
    }
    // The client went away: both containers' streams to the API server are closed.
    await().atMost(WAIT).until(() -> source.openFollows() == 0);
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

  /** A pod of the app; on {@code node}, or wherever the scheduler puts it when null. */
  private static Pod pod(String name, String appName, String node, String... containers) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withLabels(Labels.app("payments", "dev", appName))
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .withRestartPolicy("Never");
    for (String c : containers) {
      pod = pod.addNewContainer().withName(c).withImage("ghcr.io/acme/report:1.0.0").endContainer();
    }
    return pod.endSpec().build();
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
