package dev.slipway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.service.DeployService;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plan, plan-hash deploys, guard rails, rollback and the platform admin API, end to end. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class PlanRollbackAndPlatformIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void teamNamespace() {
    LocalKubernetes.shared()
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("payments-dev").endMetadata().build())
        .serverSideApply();
  }

  @Test
  void aReviewedPlanIsAppliedAndAStalePlanIsRefused() throws Exception {
    String app = "planned-" + shortId();
    String spec = "{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"port\":8080}";
    var plan =
        given()
            .auth()
            .oauth2(developer())
            .contentType(ContentType.JSON)
            .body(spec)
            .post(appPath(app) + "/plan?kind=development")
            .then()
            .statusCode(200)
            .body("goldenPath", equalTo("web@1"))
            .body("guardRails.allowed", equalTo(true))
            .body("diff.action", hasItem("create"))
            .extract()
            .jsonPath();
    String hash = plan.getString("planHash");
    assertThat(hash).hasSize(64);
    // The same spec against the same live state plans the same.
    given()
        .auth()
        .oauth2(developer())
        .contentType(ContentType.JSON)
        .body(spec)
        .post(appPath(app) + "/plan?kind=development")
        .then()
        .body("planHash", equalTo(hash));

    ObjectNode request = DeployFlowIT.request(app, "dev");
    request.set("spec", EventJson.mapper().readTree(spec));
    request.put("planHash", hash);
    publish(request);
    awaitResult(request.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());

    // The same command again (a redelivery after its apply, before its revision committed): the
    // planned outcome is live already, nothing is left to change, and it succeeds as a no-op
    // instead of failing with its change live.
    ObjectNode again = DeployFlowIT.request(app, "dev");
    again.set("spec", EventJson.mapper().readTree(spec));
    again.put("planHash", hash);
    publish(again);
    awaitResult(again.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());

    // Someone deployed another image since: the old plan no longer describes what the apply would
    // do.
    ObjectNode other = DeployFlowIT.request(app, "dev");
    other.set("spec", EventJson.mapper().readTree(spec.replace("x:1.0.0", "x:2.0.0")));
    publish(other);
    awaitResult(other.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());
    ObjectNode stale = DeployFlowIT.request(app, "dev");
    stale.set("spec", EventJson.mapper().readTree(spec));
    stale.put("planHash", hash);
    publish(stale);
    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED,
            awaitResult(stale.path("operationId").asText(), EventCatalog.DEPLOY_FAILED.ceType())
                .value());
    assertThat(failed.reason()).isEqualTo(DeployService.PLAN_CHANGED);
  }

  @Test
  void aDeployBreakingGuardRailsFailsWithEveryViolation() throws Exception {
    String app = "risky-" + shortId();
    ObjectNode request = DeployFlowIT.request(app, "dev");
    ObjectNode spec = (ObjectNode) request.path("spec");
    spec.putArray("patches")
        .addObject()
        .<ObjectNode>set("target", EventJson.mapper().createObjectNode().put("kind", "Deployment"))
        .set(
            "merge",
            EventJson.mapper()
                .readTree(
                    "{\"spec\":{\"template\":{\"spec\":{\"hostNetwork\":true,"
                        + "\"containers\":[{\"name\":\""
                        + app
                        + "\",\"securityContext\":{\"privileged\":true}}]}}}}"));
    publish(request);
    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED,
            awaitResult(request.path("operationId").asText(), EventCatalog.DEPLOY_FAILED.ceType())
                .value());
    assertThat(failed.errors())
        .extracting(e -> e.field())
        .contains(
            "Deployment/" + app + ":spec.template.spec.hostNetwork",
            "Deployment/" + app + ":spec.template.spec.containers[].securityContext.privileged");
    assertThat(
            LocalKubernetes.shared()
                .adminClient()
                .apps()
                .deployments()
                .inNamespace("payments-dev")
                .withName(app)
                .get())
        .as("nothing applied")
        .isNull();
  }

  @Test
  void aRollbackReappliesAnEarlierRevisionAsANewOne() throws Exception {
    String app = "back-" + shortId();
    ObjectNode first = DeployFlowIT.request(app, "dev");
    publish(first);
    awaitResult(first.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());
    ObjectNode second = DeployFlowIT.request(app, "dev");
    ((ObjectNode) second.path("spec")).put("image", "nginxinc/nginx-unprivileged:1.28");
    publish(second);
    awaitResult(second.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());

    String operationId = UUID.randomUUID().toString();
    ObjectNode rollback = EventJson.mapper().createObjectNode();
    rollback.put("operationId", operationId);
    rollback.put("team", "payments");
    rollback.put("environment", "dev");
    rollback.put("environmentKind", "development");
    rollback.put("app", app);
    rollback.put("revision", 1);
    rollback.set("requestedBy", first.path("requestedBy"));
    rollback.put("requestedAt", "2026-11-25T12:00:00Z");
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.ROLLBACK_REQUESTED.ceType(),
        rollback.toString());
    var done =
        EventJson.read(
            EventCatalog.DEPLOY_COMPLETED,
            awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED.ceType()).value());
    assertThat(done.revision()).isEqualTo(3);

    String image =
        LocalKubernetes.shared()
            .adminClient()
            .apps()
            .deployments()
            .inNamespace("payments-dev")
            .withName(app)
            .get()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage();
    assertThat(image).isEqualTo("nginxinc/nginx-unprivileged:1.27");
    given()
        .auth()
        .oauth2(developer())
        .get(appPath(app) + "/revisions")
        .then()
        .statusCode(200)
        .body("[0].number", equalTo(3))
        .body("[0].rollbackOf", equalTo(1))
        .body("[0].goldenPath", equalTo("web@1"))
        .body("[0].operationId", equalTo(operationId))
        .body("[2].image", equalTo("nginxinc/nginx-unprivileged:1.27"));
    // The latest revision's manifests, as applied (what environment exports are made of).
    given()
        .auth()
        .oauth2(developer())
        .get(appPath(app) + "/manifests")
        .then()
        .statusCode(200)
        .body("revision", equalTo(3))
        .body(
            "manifests.find { it.kind == 'Deployment' }.spec.template.spec.containers[0].image",
            equalTo("nginxinc/nginx-unprivileged:1.27"));
  }

  @Test
  void onlyPlatformAdminsChangeGoldenPathsAndEachChangeIsANewVersion() {
    String name = "internal-" + shortId();
    String definition =
        "workload: worker\nobjects: [ConfigMap]\ndefaults:\n  replicas: 2\n"
            + "  resources: {requestsCpu: 100m, requestsMemory: 128Mi, limitsCpu: 500m,"
            + " limitsMemory: 256Mi}\n";
    yaml(developer(), definition)
        .put("/api/v1/platform/golden-paths/" + name)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    yaml(admin(), definition)
        .put("/api/v1/platform/golden-paths/" + name)
        .then()
        .statusCode(200)
        .body("version", equalTo(1));
    yaml(admin(), definition.replace("replicas: 2", "replicas: 4"))
        .put("/api/v1/platform/golden-paths/" + name)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/platform/golden-paths/" + name + "?version=1")
        .then()
        .statusCode(200)
        .body("defaults.replicas", equalTo(2));
    yaml(admin(), "workload: web\nobjects: [Teapot]\n")
        .put("/api/v1/platform/golden-paths/" + name)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("objects[0]"));
    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/platform/golden-paths")
        .then()
        .statusCode(200)
        .body("name", hasItem("cron"));
  }

  @Test
  void guardRailsAreDataThatAdminsReplaceOnlyWithRulesThatCompile() {
    given().auth().oauth2(developer()).get("/api/v1/platform/guard-rails").then().statusCode(403);
    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/platform/guard-rails")
        .then()
        .statusCode(200)
        .body("rules.name", hasItem("no-privileged"));
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"rules\":[{\"name\":\"broken\",\"message\":\"m\",\"expression\":\"object.(\"}]}")
        .put("/api/v1/platform/guard-rails")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("rules[0].expression"));
  }

  /** YAML bodies sent as text. */
  private static io.restassured.specification.RequestSpecification yaml(String token, String body) {
    return given()
        .config(
            io.restassured.RestAssured.config()
                .encoderConfig(
                    io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
        .auth()
        .oauth2(token)
        .contentType("application/yaml")
        .body(body);
  }

  private void publish(ObjectNode request) {
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + request.path("app").asText(),
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        request.toString());
  }

  private ConsumerRecord<String, String> awaitResult(String operationId, String ceType) {
    var found =
        kafka.await(
            "slipway.deploy",
            r ->
                !CloudEventRecords.header(r, "ce_type").orElse("").contains("requested")
                    && !CloudEventRecords.header(r, "ce_type").orElse("").contains("rollout")
                    && r.value() != null
                    && r.value().contains(operationId),
            1,
            WAIT);
    assertThat(found).as("a result for operation " + operationId).hasSize(1);
    assertThat(CloudEventRecords.header(found.get(0), "ce_type")).contains(ceType);
    return found.get(0);
  }

  private static String appPath(String app) {
    return "/api/v1/teams/payments/environments/dev/apps/" + app;
  }

  private static String developer() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  private static String admin() {
    return TestOidcServer.shared().token("pat", List.of("/platform-admin"));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
