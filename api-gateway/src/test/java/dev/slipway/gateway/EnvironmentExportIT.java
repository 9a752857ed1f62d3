package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.slipway.gateway.domain.EnvironmentExport;
import dev.slipway.gateway.domain.EnvironmentExport.AppManifests;
import dev.slipway.gateway.domain.EnvironmentExport.Environment;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An export as a team would use it: each overlay renders with {@code kubectl kustomize} and what it
 * renders is accepted by a real API server (server-side dry run). The input is deploy-service's
 * golden rendering of a web app (what it applies), plus a Secret whose value must not leave.
 */
class EnvironmentExportIT {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @Test
  void everyOverlayRendersWithKustomizeAndAppliesToTheApiServer() throws Exception {
    String team = "exp" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    List<JsonNode> dev = golden("web-simple.yaml");
    dev.add(secret());
    List<JsonNode> staging = golden("web-simple.yaml");
    for (JsonNode m : staging) {
      if ("Deployment".equals(m.path("kind").asText())) {
        ((ObjectNode) m.path("spec")).put("replicas", 5);
        ((ObjectNode) m.path("spec").path("template").path("spec").path("containers").get(0))
            .put("image", "nginxinc/nginx-unprivileged:1.28");
      }
    }
    List<Environment> environments =
        List.of(
            new Environment(
                "dev", "development", team + "-dev", List.of(new AppManifests("hello", 2, dev))),
            new Environment(
                "staging",
                "staging",
                team + "-staging",
                List.of(new AppManifests("hello", 4, staging))),
            new Environment("empty", "preview", team + "-empty", List.of()));

    Map<String, String> files = EnvironmentExport.kustomize(team, "dev", environments);
    Path dir = Files.createTempDirectory("slipway-export");
    for (var file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    assertThat(files.keySet())
        .contains(
            "base/kustomization.yaml",
            "base/hello/deployment-hello.yaml",
            "base/external-secrets/db-credentials.yaml",
            "overlays/dev/kustomization.yaml",
            "overlays/staging/kustomization.yaml",
            "overlays/empty/kustomization.yaml");
    assertThat(String.join("\n", files.values()))
        .doesNotContain("s3cr3t")
        .doesNotContain("czNjcjN0");

    LocalKubernetes cluster = LocalKubernetes.shared();
    try (var admin = cluster.adminClient()) {
      for (Environment environment : environments) {
        String rendered =
            run(dir, KUBECTL.toString(), "kustomize", "overlays/" + environment.name());
        List<JsonNode> objects = documents(rendered);
        assertThat(objects)
            .extracting(o -> o.path("metadata").path("namespace").asText())
            .containsOnly(environment.namespace());
        assertThat(objects)
            .allSatisfy(
                o ->
                    assertThat(
                            o.path("metadata")
                                .path("labels")
                                .path("slipway.dev/environment")
                                .asText())
                        .isEqualTo(environment.name()));
        JsonNode deployment =
            objects.stream()
                .filter(o -> "Deployment".equals(o.path("kind").asText()))
                .findFirst()
                .orElseThrow();
        String image =
            deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("image")
                .asText();
        if (environment.name().equals("staging")) {
          assertThat(image).isEqualTo("nginxinc/nginx-unprivileged:1.28");
          assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(5);
        } else {
          assertThat(image).isEqualTo("nginxinc/nginx-unprivileged:1.27");
        }

        admin
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(environment.namespace())
                    .endMetadata()
                    .build())
            .create();
        Path out = dir.resolve(environment.name() + ".yaml");
        Files.writeString(out, rendered);
        run(
            dir,
            KUBECTL.toString(),
            "--kubeconfig",
            cluster.kubeconfig().toString(),
            "apply",
            "--server-side",
            "--dry-run=server",
            "--field-manager=slipway-export-it",
            "-f",
            out.toString());
        assertThat(
                admin.apps().deployments().inNamespace(environment.namespace()).list().getItems())
            .as("a dry run creates nothing")
            .isEmpty();
        admin.namespaces().withName(environment.namespace()).delete();
      }
    }

    JsonNode set =
        YAML.readTree(
            EnvironmentExport.applicationSet(
                    team, "https://git.example.com/x.git", "", environments)
                .get("applicationset.yaml"));
    assertThat(set.path("kind").asText()).isEqualTo("ApplicationSet");
    assertThat(set.path("spec").path("generators").get(0).path("list").path("elements"))
        .extracting(e -> e.path("environment").asText() + "@" + e.path("namespace").asText())
        .containsExactly(
            "dev@" + team + "-dev", "staging@" + team + "-staging", "empty@" + team + "-empty");
    assertThat(set.path("spec").path("template").path("spec").path("source").path("path").asText())
        .isEqualTo("overlays/{{.environment}}");
  }

  private static JsonNode secret() {
    ObjectNode secret = YAML.createObjectNode();
    secret.put("apiVersion", "v1").put("kind", "Secret");
    secret.putObject("metadata").put("name", "db-credentials").put("namespace", "payments-dev");
    secret.putObject("data").put("url", "czNjcjN0");
    secret.putObject("stringData").put("password", "s3cr3t");
    return secret;
  }

  /** deploy-service's golden rendering: what its golden path applies for the spec. */
  private static List<JsonNode> golden(String name) throws IOException {
    return documents(
        Files.readString(
            Path.of("..", "deploy-service", "src", "test", "resources", "golden", name)));
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      var values = YAML.readValues(parser, JsonNode.class);
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document != null && document.isObject() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static String run(Path dir, String... command) throws Exception {
    Path errors = Files.createTempFile("kubectl", ".err");
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(String.join(" ", command) + ":\n" + output + Files.readString(errors))
        .isZero();
    return output;
  }
}
