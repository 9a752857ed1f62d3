package dev.slipway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevEnvFileTest {

  @Test
  void writesEveryVariableTheCliAndScriptsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dev.env");

    DevEnvFile.write(
        file,
        DevEnvFile.values(
            "http://127.0.0.1:8080",
            Path.of("/data/kube/kubeconfig"),
            "http://127.0.0.1:18080/realms/slipway",
            "slipway-cli",
            "s3cret"));

    assertThat(Files.readAllLines(file))
        .contains(
            "export SLIPWAY_URL='http://127.0.0.1:8080'",
            "export KUBECONFIG='/data/kube/kubeconfig'",
            "export SLIPWAY_OIDC_ISSUER='http://127.0.0.1:18080/realms/slipway'",
            "export SLIPWAY_OIDC_CLIENT_ID='slipway-cli'",
            "export SLIPWAY_DEMO_PASSWORD='s3cret'",
            "export SLIPWAY_DEMO_USERS='alice bob carol admin'");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void valuesSurviveTheShellLiterally(@TempDir Path dir) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("SLIPWAY_DEMO_PASSWORD", "it's $HOME `id` \"x\"");
    Path file = dir.resolve("dev.env");
    DevEnvFile.write(file, values);

    Process shell =
        new ProcessBuilder(
                List.of(
                    "bash",
                    "-c",
                    "source \"$0\" && printf %s \"$SLIPWAY_DEMO_PASSWORD\"",
                    file.toString()))
            .start();

    assertThat(new String(shell.getInputStream().readAllBytes()))
        .isEqualTo("it's $HOME `id` \"x\"");
  }
}
