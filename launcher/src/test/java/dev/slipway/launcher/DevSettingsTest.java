package dev.slipway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.launcher.infra.ExternalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSettingsTest {
  private static final Path REPO = Path.of("/src/slipway");

  @Test
  void embedsEverythingWithoutSettings() {
    DevSettings settings = DevSettings.fromEnvironment(Map.of("HOME", "/home/dev"), REPO);

    assertThat(settings.dataDir()).isEqualTo(REPO.resolve(".slipway"));
    assertThat(settings.cacheDir()).isEqualTo(Path.of("/home/dev/.cache/slipway"));
    assertThat(settings.kubeconfig()).isEmpty();
    assertThat(settings.kafkaBootstrap()).isEmpty();
    assertThat(settings.postgres()).isEmpty();
    assertThat(settings.runsKeycloak()).isTrue();
    assertThat(settings.issuer()).isEqualTo("http://127.0.0.1:18080/realms/slipway");
    assertThat(settings.oidcClientId()).isEqualTo("slipway-cli");
  }

  @Test
  void realServersReplaceEmbeddedOnes(@TempDir Path dir) throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1");
    DevSettings settings =
        DevSettings.fromEnvironment(
            Map.of(
                "HOME", "/home/dev",
                "XDG_CACHE_HOME", "/cache",
                "KUBECONFIG", kubeconfig + ":/other/config",
                "SLIPWAY_KAFKA_BOOTSTRAP", "kafka:9092",
                "SLIPWAY_POSTGRES_URL", "jdbc:postgresql://db.local:6543/whatever",
                "SLIPWAY_POSTGRES_USER", "platform",
                "SLIPWAY_OIDC_ISSUER", "https://sso.example.com/realms/eng/"),
            REPO);

    assertThat(settings.cacheDir()).isEqualTo(Path.of("/cache/slipway"));
    assertThat(settings.kubeconfig()).contains(kubeconfig);
    assertThat(settings.kafkaBootstrap()).contains("kafka:9092");
    assertThat(settings.postgres())
        .contains(new ExternalPostgres("db.local", 6543, "platform", ""));
    assertThat(settings.runsKeycloak()).isFalse();
    assertThat(settings.issuer()).isEqualTo("https://sso.example.com/realms/eng");
  }

  @Test
  void slipwayKubeconfigWinsOverKubeconfig(@TempDir Path dir) throws Exception {
    Path slipway = Files.writeString(dir.resolve("slipway"), "");
    Path kube = Files.writeString(dir.resolve("kube"), "");

    DevSettings settings =
        DevSettings.fromEnvironment(
            Map.of(
                "HOME",
                "/h",
                "SLIPWAY_KUBECONFIG",
                slipway.toString(),
                "KUBECONFIG",
                kube.toString()),
            REPO);

    assertThat(settings.kubeconfig()).contains(slipway);
  }

  @Test
  void aKubeconfigThatIsNotThereIsAnError() {
    assertThatThrownBy(
            () -> DevSettings.fromEnvironment(Map.of("HOME", "/h", "KUBECONFIG", "/nope"), REPO))
        .hasMessageContaining("KUBECONFIG=/nope is not a kubeconfig file");
  }

  @Test
  void postgresUrlFormsAgree() {
    assertThat(
            ExternalPostgres.parse(
                "postgresql://app:pw@db:5433", Optional.empty(), Optional.empty()))
        .isEqualTo(new ExternalPostgres("db", 5433, "app", "pw"));
    assertThat(ExternalPostgres.parse("postgres://db", Optional.empty(), Optional.of("x")))
        .isEqualTo(new ExternalPostgres("db", 5432, "postgres", "x"));
    assertThatThrownBy(
            () -> ExternalPostgres.parse("mysql://db", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
