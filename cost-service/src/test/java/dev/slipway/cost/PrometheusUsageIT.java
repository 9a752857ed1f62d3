package dev.slipway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.testkit.kubernetes.ClusterLocator;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Usage from a Prometheus query API (a small server on 127.0.0.1) charged as max(request, usage)
 * per resource, as OpenCost allocates; pods without series keep their requests.
 *
 * <pre>
 * prices 0.04 per vCPU-hour, 0.005 per GiB-hour, no overhead; samples 10:00 and 11:00
 * busy:  requests 500m/1Gi, uses 1.5 cores and 0.5 GiB → 1 h × (1.5 × 0.04 + 1 × 0.005) = 0.065
 * quiet: requests 500m/1Gi, uses 0.1 cores, no memory series → 1 h × (0.5 × 0.04 + 1 × 0.005) = 0.025
 * </pre>
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "cost"))
@WithTestResource(
    value = KubernetesTestResource.class,
    initArgs = @ResourceArg(name = "service-account", value = "cost-service"))
@WithTestResource(FakePrometheus.class)
class PrometheusUsageIT {

  static final String TEAM = "hooli-" + Long.toString(System.nanoTime() % 100000, 36);
  static final Instant T0 = Instant.parse("2030-07-01T10:00:00Z");
  static final Instant T1 = Instant.parse("2030-07-01T11:00:00Z");

  @Inject TestClock clock;
  @Inject Pool pool;

  @AfterEach
  void forgetUsage() {
    FakePrometheus.CPU.clear();
    FakePrometheus.MEMORY_BYTES.clear();
  }

  @Test
  void podsAreChargedForTheLargerOfRequestAndUsage() {
    pool.query("truncate sample_run cascade").execute().await().indefinitely();
    clock.set(T0.minus(Duration.ofHours(1)));
    Api.admin()
        .body(
            Map.of(
                "vcpuHour", 0.04,
                "gibHour", 0.005,
                "storageGibMonth", 0.10,
                "namespaceMonth", 0,
                "currency", "USD"))
        .put("/api/v1/platform/prices")
        .then()
        .statusCode(200);
    KubernetesClient kube = ClusterLocator.locate().adminClient();
    String namespace = Labels.namespace(TEAM, "dev");
    kube.namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(Labels.environment(TEAM, "dev"))
                .endMetadata()
                .build())
        .serverSideApply();
    for (String app : new String[] {"busy", "quiet"}) {
      kube.pods()
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(app + "-1")
                  .withNamespace(namespace)
                  .withLabels(Labels.app(TEAM, "dev", app))
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("app")
                  .withImage("registry.example/app:1")
                  .withNewResources()
                  .addToRequests("cpu", new Quantity("500m"))
                  .addToRequests("memory", new Quantity("1Gi"))
                  .endResources()
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kube.pods().inNamespace(namespace).list().getItems().stream()
                        .filter(p -> p.getSpec().getNodeName() != null)
                        .count()
                    == 2);
    FakePrometheus.CPU.put(namespace + "/busy-1", "1.5");
    FakePrometheus.MEMORY_BYTES.put(namespace + "/busy-1", String.valueOf(512L * 1024 * 1024));
    FakePrometheus.CPU.put(namespace + "/quiet-1", "0.1");

    sample(T0);
    sample(T1);

    var items =
        Api.developer(TEAM)
            .queryParams(Map.of("from", "2030-07-01", "to", "2030-07-01", "groupBy", "app"))
            .get("/api/v1/teams/" + TEAM + "/costs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(items.getString("items.find { it.app == 'busy' }.amount")))
        .isEqualByComparingTo("0.065");
    assertThat(new BigDecimal(items.getString("items.find { it.app == 'busy' }.cpuCoreHours")))
        .isEqualByComparingTo("1.5");
    assertThat(new BigDecimal(items.getString("items.find { it.app == 'quiet' }.amount")))
        .isEqualByComparingTo("0.025");
  }

  private void sample(Instant at) {
    clock.set(at);
    Api.admin()
        .post("/api/v1/platform/costs/samples")
        .then()
        .statusCode(200)
        .body("skipped", equalTo(false));
  }
}
