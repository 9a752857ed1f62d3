package dev.slipway.secret.kubernetes.model;

import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.secret.service.Delivery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure rendering of the objects secret-service owns: no client, no I/O. */
public final class SecretManifests {

  public static final String VERSION_ANNOTATION = "slipway.dev/secret-version";
  public static final String VERSION_HASH_ANNOTATION = "slipway.dev/secret-version-hash";
  public static final String EXTERNAL_SECRETS_API = "external-secrets.io/v1";

  private SecretManifests() {}

  public static Secret secret(Delivery d) {
    Map<String, String> data = new TreeMap<>();
    d.values()
        .asMap()
        .forEach(
            (k, v) ->
                data.put(
                    k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder().withMetadata(metadata(d)).withType("Opaque").withData(data).build();
  }

  /**
   * An ExternalSecret that has the External Secrets Operator copy the Vault entry into a Secret of
   * the same name, pinned to the Vault version just written.
   */
  public static GenericKubernetesResource externalSecret(
      Delivery d,
      String storeName,
      String storeKind,
      String refreshInterval,
      String vaultKey,
      int vaultVersion) {
    var resource = new GenericKubernetesResource();
    resource.setApiVersion(EXTERNAL_SECRETS_API);
    resource.setKind("ExternalSecret");
    resource.setMetadata(metadata(d));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("refreshInterval", refreshInterval);
    spec.put("secretStoreRef", Map.of("name", storeName, "kind", storeKind));
    spec.put(
        "target",
        Map.of(
            "name",
            d.name(),
            "creationPolicy",
            "Owner",
            "template",
            Map.of(
                "metadata",
                Map.of(
                    "labels", Labels.app(d.team(), d.environment(), d.name()),
                    "annotations", annotations(d)))));
    spec.put(
        "dataFrom",
        List.of(
            Map.of("extract", Map.of("key", vaultKey, "version", String.valueOf(vaultVersion)))));
    resource.setAdditionalProperties(new LinkedHashMap<>(Map.of("spec", spec)));
    return resource;
  }

  private static ObjectMeta metadata(Delivery d) {
    return new ObjectMetaBuilder()
        .withName(d.name())
        .withNamespace(Labels.namespace(d.team(), d.environment()))
        .withLabels(Labels.app(d.team(), d.environment(), d.name()))
        .withAnnotations(annotations(d))
        .build();
  }

  private static Map<String, String> annotations(Delivery d) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(VERSION_ANNOTATION, String.valueOf(d.version()));
    annotations.put(VERSION_HASH_ANNOTATION, d.versionHash());
    return annotations;
  }
}
