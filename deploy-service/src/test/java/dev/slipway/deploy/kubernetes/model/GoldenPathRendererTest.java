package dev.slipway.deploy.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.service.GoldenPaths;
import dev.slipway.events.spec.AppSpecValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: for each golden path and each disclosure tier (simple, advanced, expert), the
 * rendered manifests of {@code golden/specs/<case>.yaml} are compared with {@code
 * golden/<case>.yaml}. Regenerate after an intended change with {@code -Dgolden.update=true} and
 * review the diff.
 */
class GoldenPathRendererTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({
    "web, simple", "web, advanced", "web, expert",
    "worker, simple", "worker, advanced", "worker, expert",
    "cron, simple", "cron, advanced", "cron, expert",
    "job, simple", "job, advanced", "job, expert"
  })
  void rendersTheCheckedInManifests(String pathName, String tier) throws Exception {
    String golden = pathName + "-" + tier;
    String specYaml =
        Files.readString(Path.of("src/test/resources/golden/specs/" + golden + ".yaml"));
    JsonNode spec = YAML.readTree(specYaml);
    assertThat(new AppSpecValidator().validate(spec)).as("the spec is a valid app spec").isEmpty();
    assertThat(SpecResolver.pathName(spec)).isEqualTo(pathName);

    String yaml =
        render(GoldenPaths.builtIn(pathName), spec).stream()
            .map(Serialization::asYaml)
            .reduce("", String::concat);

    Path file = Path.of("src/test/resources/golden/" + golden + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, yaml);
    }
    assertThat(yaml).isEqualTo(Files.readString(file));
  }

  @Test
  void literalEnvVarsGoThroughTheAppsConfigMapAndRollPodsWhenTheyChange() throws Exception {
    var web = GoldenPaths.builtIn("web");
    var first =
        render(
            web, YAML.readTree("{name: a, image: x/a:1, port: 80, env: [{name: L, value: info}]}"));
    var second =
        render(
            web,
            YAML.readTree("{name: a, image: x/a:1, port: 80, env: [{name: L, value: debug}]}"));
    assertThat(first.get(0).getKind()).isEqualTo("ConfigMap");
    assertThat(first.get(0).getMetadata().getName()).isEqualTo("a-config");
    assertThat(Serialization.asYaml(first.get(1))).contains("configMapKeyRef", "a-config");
    assertThat(hash(first)).isNotEqualTo(hash(second));
  }

  @Test
  void derivedNamesOver63CharactersAreShortenedWithAHash() throws Exception {
    String name = "a".repeat(60);
    var objects =
        render(
            GoldenPaths.builtIn("web"),
            YAML.readTree(
                "{name: " + name + ", image: x/a:1, port: 80, env: [{name: L, value: v}]}"));
    String configMap = objects.get(0).getMetadata().getName();
    assertThat(configMap)
        .hasSizeLessThanOrEqualTo(63)
        .startsWith("aaaa")
        .matches(".*-[0-9a-f]{8}$");
  }

  @Test
  void aPatchThatMatchesNothingOrRenamesAnObjectIsRefusedWithItsPath() throws Exception {
    var web = GoldenPaths.builtIn("web");
    assertThatThrownBy(
            () ->
                render(
                    web,
                    YAML.readTree(
                        "{name: a, image: x/a:1, port: 80, patches: [{target: {kind: CronJob}, merge: {a: 1}},"
                            + " {target: {kind: Service}, merge: {metadata: {name: other}}}]}")))
        .isInstanceOf(RenderException.class)
        .satisfies(
            e ->
                assertThat(((RenderException) e).errors())
                    .extracting(f -> f.field())
                    .containsExactly("patches[0].target", "patches[1]"));
  }

  private static String hash(List<HasMetadata> objects) {
    return Serialization.asYaml(objects.get(1))
        .lines()
        .filter(l -> l.contains("config-hash"))
        .findFirst()
        .orElseThrow();
  }

  static List<HasMetadata> render(GoldenPath path, JsonNode spec) {
    return new GoldenPathRenderer(path)
        .render(
            new AppTarget("payments", "dev", spec.path("name").asText()),
            new SpecResolver(path).resolve(spec));
  }
}
