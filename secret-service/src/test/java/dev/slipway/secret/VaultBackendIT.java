package dev.slipway.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.secret.support.FakeUpstreams;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code slipway.secrets.backend=vault}: values go to Vault KV v2 (a fake Vault over HTTP) and
 * the cluster gets an ExternalSecret pinned to the Vault version, never a Secret with values. The
 * test resources are those of {@link SecretLifecycleIT} (they apply to every test class).
 */
@QuarkusTest
@TestProfile(VaultBackendIT.VaultBackend.class)
class VaultBackendIT {

  public static class VaultBackend implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("slipway.secrets.backend", "vault");
    }
  }

  private static final String BASE = "/api/v1/teams/payments/environments/vault/secrets";

  @BeforeAll
  static void namespaceAndExternalSecretsCrd() {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("payments-vault")
                .endMetadata()
                .build())
        .serverSideApply();
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("externalsecrets.external-secrets.io")
            .endMetadata()
            .withNewSpec()
            .withGroup("external-secrets.io")
            .withScope("Namespaced")
            .withNewNames()
            .withKind("ExternalSecret")
            .withListKind("ExternalSecretList")
            .withPlural("externalsecrets")
            .withSingular("externalsecret")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSchema()
            .withOpenAPIV3Schema(
                new JSONSchemaPropsBuilder()
                    .withType("object")
                    .withXKubernetesPreserveUnknownFields(true)
                    .build())
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.supports("external-secrets.io/v1", "ExternalSecret"));
  }

  @Test
  void valuesGoToVaultAndTheClusterGetsAnExternalSecretPinnedToTheVersion() {
    String value = SecretLifecycleIT.canary();
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "stripe", "values", Map.of("api-key", value)))
        .post(BASE)
        .then()
        .statusCode(201);

    assertThat(FakeUpstreams.VAULT.get("slipway/payments/vault/stripe"))
        .containsExactly(Map.of("api-key", value));
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    var external =
        admin
            .genericKubernetesResources("external-secrets.io/v1", "ExternalSecret")
            .inNamespace("payments-vault")
            .withName("stripe")
            .get();
    assertThat(external).isNotNull();
    assertThat(external.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-secret"));
    Map<String, Object> spec = external.get("spec");
    assertThat(spec.toString())
        .contains("slipway/payments/vault/stripe")
        .contains("version=1")
        .doesNotContain(value);
    assertThat(admin.secrets().inNamespace("payments-vault").withName("stripe").get()).isNull();

    given().auth().oauth2(alice()).post(BASE + "/stripe/rotate").then().statusCode(200);
    assertThat(FakeUpstreams.VAULT.get("slipway/payments/vault/stripe")).hasSize(2);
    SecretLifecycleIT.CANARIES.add(
        FakeUpstreams.VAULT.get("slipway/payments/vault/stripe").get(1).get("api-key"));
    Map<String, Object> rotated =
        admin
            .genericKubernetesResources("external-secrets.io/v1", "ExternalSecret")
            .inNamespace("payments-vault")
            .withName("stripe")
            .get()
            .get("spec");
    assertThat(rotated.toString()).contains("version=2");

    given().auth().oauth2(alice()).delete(BASE + "/stripe").then().statusCode(204);
    assertThat(FakeUpstreams.DELETED).contains("slipway/payments/vault/stripe");
    assertThat(
            admin
                .genericKubernetesResources("external-secrets.io/v1", "ExternalSecret")
                .inNamespace("payments-vault")
                .withName("stripe")
                .get())
        .isNull();
  }

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }
}
