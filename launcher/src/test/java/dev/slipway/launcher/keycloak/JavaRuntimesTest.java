package dev.slipway.launcher.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

  @Test
  void readsTheFeatureReleaseOfEveryVersionScheme() {
    assertThat(JavaRuntimes.parseFeature("25.0.3")).hasValue(25);
    assertThat(JavaRuntimes.parseFeature("21")).hasValue(21);
    assertThat(JavaRuntimes.parseFeature("22-ea")).hasValue(22);
    assertThat(JavaRuntimes.parseFeature("1.8.0_392")).hasValue(8);
    assertThat(JavaRuntimes.parseFeature("banana")).isEmpty();
  }

  @Test
  void picksTheNewestInstalledJavaWhenThisOneIsTooOld(@TempDir Path jvms) throws Exception {
    Path current = jdk(jvms, "java-17-openjdk-amd64", "17.0.15");
    jdk(jvms, "java-21-openjdk-amd64", "21.0.8");
    Path newest = jdk(jvms, "temurin-25-jdk-amd64", "25.0.3");
    Files.createDirectories(jvms.resolve("broken-no-release/bin"));

    JavaRuntimes.JavaRuntime found = JavaRuntimes.find(21, Optional.empty(), current, jvms);

    assertThat(found.home()).isEqualTo(newest);
    assertThat(found.feature()).isEqualTo(25);
  }

  @Test
  void usesTheLaunchersOwnJavaWhenItIsNewEnough(@TempDir Path jvms) throws Exception {
    Path current = jdk(jvms, "temurin-21", "21.0.2");
    jdk(jvms, "temurin-25", "25.0.3");

    assertThat(JavaRuntimes.find(21, Optional.empty(), current, jvms).home()).isEqualTo(current);
  }

  @Test
  void theConfiguredJavaMustBeNewEnough(@TempDir Path jvms) throws Exception {
    Path old = jdk(jvms, "java-17", "17.0.15");

    assertThatThrownBy(() -> JavaRuntimes.find(21, Optional.of(old), old, jvms))
        .hasMessageContaining("SLIPWAY_KEYCLOAK_JAVA_HOME=" + old + " is Java 17");
  }

  @Test
  void saysWhatToDoWhenNoneIsNewEnough(@TempDir Path jvms) throws Exception {
    Path current = jdk(jvms, "java-17-openjdk-amd64", "17.0.15");

    assertThatThrownBy(() -> JavaRuntimes.find(21, Optional.empty(), current, jvms))
        .hasMessageContaining("Keycloak needs Java 21 or newer")
        .hasMessageContaining("java-17-openjdk-amd64 (17)")
        .hasMessageContaining("SLIPWAY_KEYCLOAK_JAVA_HOME");
  }

  private static Path jdk(Path root, String name, String version) throws Exception {
    Path home = Files.createDirectories(root.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }
}
