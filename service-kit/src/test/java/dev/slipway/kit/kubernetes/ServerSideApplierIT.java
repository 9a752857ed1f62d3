package dev.slipway.kit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one applier against a real API server: outcomes, conflicts, all-or-nothing, failures. */
class ServerSideApplierIT {

  private static KubernetesClient client;
  private static String namespace;
  private static ServerSideApplier applier;

  @BeforeAll
  static void cluster() {
    var cluster = LocalKubernetes.shared();
    client = cluster.adminClient();
    namespace = cluster.createTestNamespace("applier");
    applier = new ServerSideApplier(client, "slipway-test");
  }

  @Test
  void reportsCreatedThenNoopThenPatched() {
    assertThat(applier.applyAll(List.of(configMap("outcomes", "a"))))
        .containsExactly(new ApplyOutcome.Created("ConfigMap", "outcomes"));
    assertThat(applier.applyAll(List.of(configMap("outcomes", "a"))))
        .containsExactly(new ApplyOutcome.Noop("ConfigMap", "outcomes"));
    assertThat(applier.applyAll(List.of(configMap("outcomes", "b"))))
        .containsExactly(new ApplyOutcome.Patched("ConfigMap", "outcomes"));
  }

  @Test
  void takesBackAFieldAnotherManagerChangedAndSaysSo() {
    applier.applyAll(List.of(configMap("drift", "ours")));
    client
        .resource(configMap("drift", "theirs"))
        .fieldManager("kubectl-edit")
        .forceConflicts()
        .serverSideApply();

    var outcomes = applier.applyAll(List.of(configMap("drift", "ours")));

    assertThat(outcomes).singleElement().isInstanceOf(ApplyOutcome.Forced.class);
    assertThat(((ApplyOutcome.Forced) outcomes.get(0)).conflict()).contains("kubectl-edit");
    assertThat(live("drift").getData()).containsEntry("value", "ours");
  }

  @Test
  void aRejectionMidwayRestoresWhatWasThereAndNamesTheField() {
    applier.applyAll(List.of(configMap("existing", "before")));
    List<HasMetadata> change =
        List.of(configMap("existing", "after"), configMap("brand-new", "x"), invalidService());

    assertThatThrownBy(() -> applier.applyAll(change))
        .isInstanceOfSatisfying(
            ApplyException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.errors())
                  .anySatisfy(err -> assertThat(err.field()).contains("spec.ports[0].port"));
            });

    assertThat(live("existing").getData()).containsEntry("value", "before");
    assertThat(live("brand-new")).isNull();
  }

  @Test
  void neverTakesOverAnObjectSomeoneElseMade() {
    var theirs = configMap("theirs", "hand-made");
    theirs.getMetadata().setLabels(null);
    client.resource(theirs).create();

    assertThatThrownBy(
            () -> applier.applyAll(List.of(configMap("first", "x"), configMap("theirs", "ours"))))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.status()).isEqualTo(409));

    assertThat(live("theirs").getData()).containsEntry("value", "hand-made");
    assertThat(live("first")).as("restored: nothing half-applied").isNull();
  }

  @Test
  void concurrentApplyAnswersOutcomesInListOrder() {
    var objects = List.of(configMap("together-a", "1"), configMap("together-b", "1"));
    assertThat(applier.applyAllConcurrently(objects))
        .containsExactly(
            new ApplyOutcome.Created("ConfigMap", "together-a"),
            new ApplyOutcome.Created("ConfigMap", "together-b"));
    assertThat(
            applier.applyAllConcurrently(
                List.of(configMap("together-a", "1"), configMap("together-b", "2"))))
        .containsExactly(
            new ApplyOutcome.Noop("ConfigMap", "together-a"),
            new ApplyOutcome.Patched("ConfigMap", "together-b"));
  }

  @Test
  void aConcurrentApplyWithOneRejectionRestoresEveryObject() {
    applier.applyAll(List.of(configMap("together-existing", "before")));
    List<HasMetadata> change =
        List.of(
            configMap("together-existing", "after"),
            configMap("together-new", "x"),
            invalidService());

    assertThatThrownBy(() -> applier.applyAllConcurrently(change))
        .isInstanceOfSatisfying(
            ApplyException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage()).contains("Service broken");
              assertThat(e.errors())
                  .anySatisfy(err -> assertThat(err.field()).contains("spec.ports[0].port"));
            });

    assertThat(live("together-existing").getData()).containsEntry("value", "before");
    assertThat(live("together-new")).as("created concurrently, then removed").isNull();
  }

  @Test
  void tellsOfEachRestoreWithTheGenerationsItLeftBehind() {
    List<ServerSideApplier.Restore> told = new CopyOnWriteArrayList<>();
    var recording = new ServerSideApplier(client, "slipway-test", told::add);
    recording.applyAll(List.of(deployment("restored", "example/app:1")));
    List<HasMetadata> change =
        List.of(
            deployment("restored", "example/app:2"),
            configMap("restored-new", "x"),
            invalidService());

    assertThatThrownBy(() -> recording.applyAllConcurrently(change))
        .isInstanceOf(ApplyException.class);

    var live = client.apps().deployments().inNamespace(namespace).withName("restored").get();
    assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example/app:1");
    // The change made generation 2, the restore that undid it generation 3.
    assertThat(live.getMetadata().getGeneration()).isEqualTo(3L);
    assertThat(told)
        .contains(
            new ServerSideApplier.Restore("Deployment", namespace, "restored", 1L, 3L),
            new ServerSideApplier.Restore("ConfigMap", namespace, "restored-new", null, null));
  }

  @Test
  void aConcurrentApplyWritesNothingWhenOneObjectIsSomeoneElses() {
    var theirs = configMap("together-theirs", "hand-made");
    theirs.getMetadata().setLabels(null);
    client.resource(theirs).create();

    assertThatThrownBy(
            () ->
                applier.applyAllConcurrently(
                    List.of(
                        configMap("together-first", "x"), configMap("together-theirs", "ours"))))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.status()).isEqualTo(409));

    assertThat(live("together-theirs").getData()).containsEntry("value", "hand-made");
    assertThat(live("together-first")).as("never written").isNull();
  }

  @Test
  void anUnreachableApiServerIsTransient() {
    var unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(500)
                    .build())
            .build();
    var offline = new ServerSideApplier(unreachable, "slipway-test");
    assertThatThrownBy(() -> offline.applyAll(List.of(configMap("never", "x"))))
        .isInstanceOf(TransientFailure.class);
    assertThatThrownBy(() -> offline.applyAllConcurrently(List.of(configMap("never", "x"))))
        .isInstanceOf(TransientFailure.class);
  }

  private static ConfigMap live(String name) {
    return client.configMaps().inNamespace(namespace).withName(name).get();
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
        .endMetadata()
        .withData(Map.of("value", value))
        .build();
  }

  private static Deployment deployment(String name, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static HasMetadata invalidService() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("broken")
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(0)
        .endPort()
        .endSpec()
        .build();
  }
}
