package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Warning Events of Slipway's namespaces reach the environment timeline, read by audit-service with
 * its own ServiceAccount (k8s/rbac/audit-service.yaml) from a real API server.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(
    value = KubernetesTestResource.class,
    restrictToAnnotatedClass = false,
    initArgs =
        @ResourceArg(name = KubernetesTestResource.SERVICE_ACCOUNT_ARG, value = "audit-service"))
class AuditKubernetesWarningsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void aWarningInASlipwayNamespaceJoinsTheTimelineAndOneInAForeignNamespaceDoesNot()
      throws IOException {
    String env = "w" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    String slipway = "payments-" + env;
    String foreign = "other-" + env;
    try (KubernetesClient admin = admin()) {
      admin.namespaces().resource(namespace(slipway, true)).create();
      admin.namespaces().resource(namespace(foreign, false)).create();
      String operationId = UUID.randomUUID().toString();
      CloudEvents.send(
          Topics.DEPLOY,
          UUID.randomUUID().toString(),
          EventCatalog.DEPLOY_COMPLETED.ceType(),
          "payments/" + env + "/hello",
          CloudEvents.example(EventCatalog.DEPLOY_COMPLETED, operationId)
              .put("environment", env)
              .toString(),
          Instant.parse("2026-11-25T10:00:00Z"));

      // The foreign one first: the watch delivers in order, so once the Slipway one is in the
      // log, the foreign one was seen and left out.
      warning(admin, foreign, "ForeignTrouble", "2026-11-25T10:00:30Z", 1);
      warning(admin, slipway, "BackOff", "2026-11-25T10:01:00Z", 1);

      await().atMost(WAIT).until(() -> timeline(env).size() == 2);
      List<Map<String, Object>> timeline = timeline(env);
      assertThat(timeline)
          .extracting(e -> e.get("category"))
          .containsExactly("deploy", "kubernetes");
      assertThat(timeline.get(1))
          .containsEntry("fact", "BackOff")
          .containsEntry("app", "hello")
          .containsEntry("at", "2026-11-25T10:01:00Z")
          .containsEntry("detail", "Back-off restarting failed container app");
      assertThat(
              Api.search(Api.ADMIN, Map.of("type", "io.k8s.event.warning", "limit", 1000))
                  .<String>getList("items.payload.reason"))
          .doesNotContain("ForeignTrouble");
      // Another team sees none of it.
      assertThat(
              Api.as(Api.CAROL)
                  .queryParam("team", "payments")
                  .queryParam("environment", env)
                  .get("/api/v1/audit/timeline")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList(""))
          .isEmpty();
    }
  }

  @Test
  void theSameWarningSeenAgainIsStoredOnceAndEachRepetitionOnceMore() throws IOException {
    String env = "r" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    String slipway = "payments-" + env;
    try (KubernetesClient admin = admin()) {
      admin.namespaces().resource(namespace(slipway, true)).create();
      var event = warning(admin, slipway, "FailedScheduling", "2026-11-25T11:00:00Z", 1);
      await().atMost(WAIT).until(() -> timeline(env).size() == 1);

      // Touched without a new occurrence (same count), then repeated (count 2).
      admin
          .v1()
          .events()
          .inNamespace(slipway)
          .withName(event)
          .edit(
              e ->
                  new EventBuilder(e)
                      .editMetadata()
                      .addToAnnotations("touched", "yes")
                      .endMetadata()
                      .build());
      admin
          .v1()
          .events()
          .inNamespace(slipway)
          .withName(event)
          .edit(
              e ->
                  new EventBuilder(e)
                      .withCount(2)
                      .withLastTimestamp("2026-11-25T11:05:00Z")
                      .build());

      await().atMost(WAIT).until(() -> timeline(env).size() == 2);
      assertThat(timeline(env))
          .extracting(e -> e.get("at"))
          .containsExactly("2026-11-25T11:00:00Z", "2026-11-25T11:05:00Z");
    }
  }

  private static List<Map<String, Object>> timeline(String env) {
    return Api.as(Api.ALICE)
        .queryParam("team", "payments")
        .queryParam("environment", env)
        .get("/api/v1/audit/timeline")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  private static String warning(
      KubernetesClient admin, String namespace, String reason, String at, int count) {
    String name = "hello." + UUID.randomUUID().toString().substring(0, 8);
    admin
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("hello")
                .withNamespace(namespace)
                .endInvolvedObject()
                .withType("Warning")
                .withReason(reason)
                .withMessage("Back-off restarting failed container app")
                .withCount(count)
                .withFirstTimestamp(at)
                .withLastTimestamp(at)
                .withNewSource()
                .withComponent("kubelet")
                .endSource()
                .build())
        .create();
    return name;
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name, boolean slipway) {
    var builder = new NamespaceBuilder().withNewMetadata().withName(name);
    if (slipway) {
      builder
          .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
          .addToLabels(Labels.TEAM, "payments")
          .addToLabels(Labels.ENVIRONMENT, name.substring("payments-".length()));
    }
    return builder.endMetadata().build();
  }

  private static KubernetesClient admin() throws IOException {
    String kubeconfig =
        ConfigProvider.getConfig()
            .getValue(KubernetesTestResource.KUBECONFIG_PROPERTY, String.class);
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(Path.of(kubeconfig))))
        .build();
  }
}
