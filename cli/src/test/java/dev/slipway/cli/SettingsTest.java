package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  private Io io(Map<String, String> env) {
    return new Io(
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        env,
        false);
  }

  @Test
  void flagsBeatVariablesWhichBeatTheDevEnvFileWhichBeatsDefaults() throws Exception {
    Path file = dir.resolve("dev.env");
    Files.writeString(
        file,
        """
        # written by ./slipway dev
        export SLIPWAY_URL='http://127.0.0.1:9999'
        export SLIPWAY_OIDC_ISSUER='http://file/realms/slipway'
        export SLIPWAY_DEMO_PASSWORD='it'\\''s'
        """);
    Map<String, String> env = new HashMap<>();
    env.put("SLIPWAY_DEV_ENV", file.toString());
    env.put("SLIPWAY_OIDC_ISSUER", "http://env/realms/slipway/");
    env.put("XDG_CONFIG_HOME", dir.toString());

    Settings fromFile = Settings.resolve(io(env), null, null, null);
    assertThat(fromFile.url()).isEqualTo("http://127.0.0.1:9999");
    assertThat(fromFile.issuer()).isEqualTo("http://env/realms/slipway");
    assertThat(fromFile.clientId()).isEqualTo("slipway-cli");
    assertThat(fromFile.credentialsFile()).isEqualTo(dir.resolve("slipway/credentials.json"));

    Settings fromFlags = Settings.resolve(io(env), "http://flag:1/", "http://flag/i", "mine");
    assertThat(fromFlags.url()).isEqualTo("http://flag:1");
    assertThat(fromFlags.issuer()).isEqualTo("http://flag/i");
    assertThat(fromFlags.clientId()).isEqualTo("mine");
  }

  @Test
  void theDevEnvFileIsReadWithShellQuoting() {
    Map<String, String> values =
        Settings.parseDevEnv("export A='x y'\nB=\"z\"\n# C=no\nexport D='it'\\''s'\n");

    assertThat(values).containsEntry("A", "x y").containsEntry("B", "z").containsEntry("D", "it's");
    assertThat(values).doesNotContainKey("C");
  }

  @Test
  void withoutXdgConfigHomeCredentialsLiveInDotConfig() {
    Settings settings =
        Settings.resolve(
            io(Map.of("HOME", "/home/alice", "SLIPWAY_DEV_ENV", "/nonexistent")), null, null, null);

    assertThat(settings.credentialsFile())
        .isEqualTo(Path.of("/home/alice/.config/slipway/credentials.json"));
    assertThat(settings.url()).isEqualTo(Settings.DEFAULT_URL);
  }
}
