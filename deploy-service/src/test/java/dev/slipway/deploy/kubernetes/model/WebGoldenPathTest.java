package dev.slipway.deploy.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deploy.domain.GoldenPathDefaults;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.events.EventJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: the rendered manifests of each spec are compared with a checked-in YAML file.
 * Regenerate after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class WebGoldenPathTest {

  private final SpecResolver resolver = new SpecResolver(GoldenPathDefaults.WEB_V1);
  private final WebGoldenPath web = new WebGoldenPath(GoldenPathDefaults.WEB_V1);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "web-simple | {\"name\":\"hello\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}",
        "web-advanced | {\"name\":\"user-service\",\"image\":\"ghcr.io/acme/user:2.1\",\"port\":8080,"
            + "\"resources\":{\"preset\":\"small\"},\"autoscaling\":{\"enabled\":false},\"replicas\":2,"
            + "\"env\":[{\"name\":\"DATABASE_URL\",\"valueFrom\":\"secret://db-credentials/url\"},"
            + "{\"name\":\"LOG_LEVEL\",\"value\":\"info\"},{\"name\":\"MODE\",\"valueFrom\":\"config://settings/mode\"}]}"
      })
  void rendersTheCheckedInManifests(String golden, String spec) throws Exception {
    List<HasMetadata> objects =
        web.render(
            new AppTarget(
                "payments", "dev", EventJson.mapper().readTree(spec).path("name").asText()),
            resolver.resolve(EventJson.mapper().readTree(spec)));
    String yaml = objects.stream().map(Serialization::asYaml).reduce("", String::concat);

    Path file = Path.of("src/test/resources/golden/" + golden + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, yaml);
    }
    assertThat(yaml).isEqualTo(Files.readString(file));
  }
}
