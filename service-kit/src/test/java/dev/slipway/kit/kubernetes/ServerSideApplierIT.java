package dev.slipway.kit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
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
