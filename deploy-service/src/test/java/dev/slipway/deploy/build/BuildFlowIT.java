package dev.slipway.deploy.build;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.kubernetes.SimulatedPodLogs;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds from source over real Kafka, PostgreSQL and kube-apiserver. There is no kubelet: a build's
 * end is written through the API as the Job controller and kubelet would write it (the Job's
 * conditions, the pod's container termination message).
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class BuildFlowIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String NAMESPACE = "payments-dev";
  static final String DIGEST = "sha256:" + "4f".repeat(32);
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void teamNamespaces() {
    for (String namespace : List.of(NAMESPACE, "payments-release")) {
      LocalKubernetes.shared()
          .adminClient()
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .serverSideApply();
    }
  }

  @Test
  void aSpecWithGitRepoIsBuiltByAJobAndTheImageIsDeployedByDigest() throws Exception {
    String app = "built-" + shortId();
    String operationId = deployFromSource(app, UUID.randomUUID().toString());

    BuildStarted started = started(operationId);
    assertThat(started.engine()).isEqualTo("job");
    assertThat(started.image()).startsWith("registry.slipway.test/apps/payments/" + app + ":");
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    Job job = admin.batch().v1().jobs().inNamespace(NAMESPACE).withName(started.object()).get();
    assertThat(job).as("the Job was applied, not only dry-run").isNotNull();
    assertThat(job.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-deploy"));
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "slipway")
        .containsEntry("slipway.dev/build", started.buildId());
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
    assertThat(
            job.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getSecurityContext()
                .getPrivileged())
        .isFalse();

    SimulatedBuilds.succeed(admin, NAMESPACE, job, "[image]\n  digest = \"" + DIGEST + "\"\n");

    var succeeded = await(operationId, EventCatalog.BUILD_SUCCEEDED);
    assertThat(succeeded.image())
        .isEqualTo("registry.slipway.test/apps/payments/" + app + "@" + DIGEST);
    var completed = await(operationId, EventCatalog.DEPLOY_COMPLETED);
    assertThat(completed.revision()).isEqualTo(1);
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(app)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(succeeded.image());

    given()
        .auth()
        .oauth2(developer())
        .get("/api/v1/teams/payments/environments/dev/apps/" + app + "/builds")
        .then()
        .statusCode(200)
        .body("[0].state", equalTo("SUCCEEDED"))
        .body("[0].deployedImage", equalTo(succeeded.image()))
        .body("[0].operationId", equalTo(operationId));
  }

  @Test
  void theBuildLogIsTheJobPodsLogThroughTheApiServer() throws Exception {
    String app = "logged-" + shortId();
    BuildStarted started = started(deployFromSource(app, UUID.randomUUID().toString()));
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    String pod =
        SimulatedBuilds.awaitPod(admin, NAMESPACE, started.object()).getMetadata().getName();
    // On the simulated node, whose kubelet (kwok) serves the containers' logs.
    SimulatedPodLogs logs = SimulatedPodLogs.local();
    logs.schedule(NAMESPACE, pod);
    logs.append(
        NAMESPACE,
        pod,
        "source",
        SimulatedPodLogs.Line.at("2026-11-25T10:00:00Z", "Cloning https://github.com/acme/" + app));
    logs.append(
        NAMESPACE,
        pod,
        BuildJobRenderer.BUILD_CONTAINER,
        SimulatedPodLogs.Line.at("2026-11-25T10:00:01Z", "===> DETECTING"),
        SimulatedPodLogs.Line.at("2026-11-25T10:00:02Z", "===> BUILDING"),
        SimulatedPodLogs.Line.at("2026-11-25T10:00:03Z", "===> EXPORTING"));

    var answer =
        given()
            .auth()
            .oauth2(developer())
            .get(
                "/api/v1/teams/payments/environments/dev/apps/"
                    + app
                    + "/builds/"
                    + started.buildId()
                    + "/logs?tail=2")
            .then()
            .statusCode(200)
            .body("build", equalTo(started.buildId()))
            .extract()
            .jsonPath();
    assertThat(answer.getList("containers.container", String.class))
        .containsExactly("source", BuildJobRenderer.BUILD_CONTAINER);
    assertThat(answer.getList("containers.pod", String.class)).containsOnly(pod);
    assertThat(answer.getList("containers[0].lines", String.class))
        .containsExactly("Cloning https://github.com/acme/" + app);
    assertThat(answer.getList("containers[1].lines", String.class))
        .containsExactly("===> BUILDING", "===> EXPORTING");
  }

  @Test
  void aFailedBuildFailsTheOperationWithTheReasonAndDeploysNothing() throws Exception {
    String app = "broken-" + shortId();
    String operationId = deployFromSource(app, UUID.randomUUID().toString());
    BuildStarted started = started(operationId);
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    Job job = admin.batch().v1().jobs().inNamespace(NAMESPACE).withName(started.object()).get();

    SimulatedBuilds.fail(admin, NAMESPACE, job, "ERROR: No buildpack groups passed detection.");

    var failed = await(operationId, EventCatalog.DEPLOY_FAILED);
    assertThat(failed.reason())
        .startsWith("build failed: ")
        .contains("BackoffLimitExceeded")
        .contains("No buildpack groups passed detection");
    assertThat(admin.apps().deployments().inNamespace(NAMESPACE).withName(app).get()).isNull();
    given()
        .auth()
        .oauth2(developer())
        .get("/api/v1/teams/payments/environments/dev/apps/" + app + "/builds/" + started.buildId())
        .then()
        .statusCode(200)
        .body("state", equalTo("FAILED"));
  }

  @Test
  void aRedeliveredDeployStartsOneBuild() throws Exception {
    String app = "once-" + shortId();
    String ceId = UUID.randomUUID().toString();
    String operationId = deployFromSource(app, ceId);
    started(operationId);
    deployFromSource(app, ceId, operationId);

    var starts =
        kafka.collect(
            "slipway.deploy",
            CloudEventRecords.ofType(EventCatalog.BUILD_STARTED.ceType())
                .and(r -> r.value().contains(operationId)),
            Duration.ofSeconds(5));
    assertThat(starts).hasSize(1);
    assertThat(
            LocalKubernetes.shared()
                .adminClient()
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withLabel("app.kubernetes.io/name", app)
                .list()
                .getItems())
        .hasSize(1);
  }

  @Test
  void aBuildRequestBuildsTheLastSourceAgainAtTheGivenCommit() throws Exception {
    String app = "again-" + shortId();
    String first = deployFromSource(app, UUID.randomUUID().toString());
    started(first);

    String commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    String operationId = UUID.randomUUID().toString();
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.BUILD_REQUESTED.ceType(),
        buildRequest(operationId, app, commit).toString());

    BuildStarted again = started(operationId);
    assertThat(again.revision()).isEqualTo(commit);
    assertThat(again.image()).endsWith(":" + commit.substring(0, 12));
    Job job =
        LocalKubernetes.shared()
            .adminClient()
            .batch()
            .v1()
            .jobs()
            .inNamespace(NAMESPACE)
            .withName(again.object())
            .get();
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("GIT_REVISION");
              assertThat(env.getValue()).isEqualTo(commit);
            });
  }

  @Test
  void aBuildRequestForAnAppNeverBuiltFromGitFailsWithTheReason() throws Exception {
    String operationId = UUID.randomUUID().toString();
    kafka.publish(
        "slipway.deploy",
        "payments/dev/nobuild",
        EventCatalog.BUILD_REQUESTED.ceType(),
        buildRequest(operationId, "nobuild-" + shortId(), null).toString());
    var failed = await(operationId, EventCatalog.DEPLOY_FAILED);
    assertThat(failed.reason()).contains("deploy a spec with gitRepo first");
  }

  @Test
  void aPushCarriesNoKindAndNeverBuildsIntoProduction() throws Exception {
    String app = "prod-" + shortId();
    ObjectNode first = deployRequest(app, UUID.randomUUID().toString());
    first.put("environment", "release");
    first.put("environmentKind", "production");
    kafka.publish(
        "slipway.deploy",
        "payments/release/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        first.toString());
    started(first.path("operationId").asText());

    String operationId = UUID.randomUUID().toString();
    ObjectNode push = buildRequest(operationId, app, "9fceb02d0ae598e95dc970b74767f19372d61af8");
    push.put("environment", "release");
    push.remove("environmentKind");
    kafka.publish(
        "slipway.deploy",
        "payments/release/" + app,
        EventCatalog.BUILD_REQUESTED.ceType(),
        push.toString());

    var failed = await(operationId, EventCatalog.DEPLOY_FAILED);
    assertThat(failed.reason()).contains("a git push does not build into production");
  }

  @Test
  void buildsOfAnotherTeamAnswerNotFound() {
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("carol", List.of("/teams/search/developer")))
        .get("/api/v1/teams/payments/environments/dev/apps/x/builds")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(developer())
        .get("/api/v1/teams/payments/environments/dev/apps/x/builds/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  private String deployFromSource(String app, String ceId) throws Exception {
    return deployFromSource(app, ceId, UUID.randomUUID().toString());
  }

  private String deployFromSource(String app, String ceId, String operationId) throws Exception {
    ObjectNode request = deployRequest(app, operationId);
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        ceId,
        request.toString());
    return operationId;
  }

  static ObjectNode deployRequest(String app, String operationId) throws Exception {
    ObjectNode request =
        (ObjectNode)
            EventJson.mapper()
                .readTree(
                    BuildFlowIT.class.getResourceAsStream(
                        EventCatalog.DEPLOY_REQUESTED.exampleResource()));
    request.put("operationId", operationId);
    request.put("app", app);
    request.put("environment", "dev");
    request.put("environmentKind", "development");
    request.remove("planHash");
    ObjectNode spec = request.putObject("spec");
    spec.put("name", app);
    spec.put("gitRepo", "https://github.com/acme/" + app);
    spec.put("buildpack", "java");
    spec.put("port", 8080);
    return request;
  }

  private static ObjectNode buildRequest(String operationId, String app, String commit)
      throws Exception {
    ObjectNode request =
        (ObjectNode)
            EventJson.mapper()
                .readTree(
                    BuildFlowIT.class.getResourceAsStream(
                        EventCatalog.BUILD_REQUESTED.exampleResource()));
    request.put("operationId", operationId);
    request.put("app", app);
    request.remove("ref");
    if (commit == null) {
      request.remove("commit");
    } else {
      request.put("commit", commit);
    }
    return request;
  }

  BuildStarted started(String operationId) {
    return await(operationId, EventCatalog.BUILD_STARTED);
  }

  <T extends dev.slipway.events.SlipwayEvent> T await(String operationId, EventType<T> type) {
    List<ConsumerRecord<String, String>> found =
        kafka.await(
            "slipway.deploy",
            CloudEventRecords.ofType(type.ceType()).and(r -> r.value().contains(operationId)),
            1,
            WAIT);
    assertThat(found).as(type.ceType() + " for " + operationId).isNotEmpty();
    return EventJson.read(type, found.get(0).value());
  }

  static String developer() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
