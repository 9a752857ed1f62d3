package dev.slipway.launcher.keycloak;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a Java runtime new enough for Keycloak (26 needs 21) while Slipway itself builds and runs
 * on 17: the developer's explicit choice first, then the JVM running the launcher, then the newest
 * under {@code /usr/lib/jvm}, where Debian and Temurin packages install.
 */
public final class JavaRuntimes {

  public record JavaRuntime(Path home, int feature) {
    public Path java() {
      return home.resolve("bin").resolve("java");
    }
  }

  private JavaRuntimes() {}

  public static JavaRuntime find(
      int minimum, Optional<Path> configured, Path currentHome, Path jvmRoot) {
    if (configured.isPresent()) {
      Path home = configured.get();
      OptionalInt feature = featureVersion(home);
      if (feature.isEmpty() || !Files.isExecutable(home.resolve("bin/java"))) {
        throw new IllegalStateException(
            "SLIPWAY_KEYCLOAK_JAVA_HOME=" + home + " is not a Java home (no bin/java or release)");
      }
      if (feature.getAsInt() < minimum) {
        throw new IllegalStateException(
            "SLIPWAY_KEYCLOAK_JAVA_HOME="
                + home
                + " is Java "
                + feature.getAsInt()
                + "; Keycloak needs Java "
                + minimum
                + " or newer");
      }
      return new JavaRuntime(home, feature.getAsInt());
    }
    OptionalInt current = featureVersion(currentHome);
    if (current.isPresent() && current.getAsInt() >= minimum) {
      return new JavaRuntime(currentHome, current.getAsInt());
    }
    List<JavaRuntime> installed = installed(jvmRoot);
    return installed.stream()
        .filter(runtime -> runtime.feature() >= minimum)
        .max(Comparator.comparingInt(JavaRuntime::feature))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Keycloak needs Java "
                        + minimum
                        + " or newer, and none was found (this JVM: "
                        + currentHome
                        + "; in "
                        + jvmRoot
                        + ": "
                        + (installed.isEmpty()
                            ? "nothing"
                            : installed.stream()
                                .map(r -> r.home().getFileName() + " (" + r.feature() + ")")
                                .toList())
                        + "). Install one, e.g. `apt-get install openjdk-21-jdk-headless`, or"
                        + " point SLIPWAY_KEYCLOAK_JAVA_HOME at one; or set SLIPWAY_OIDC_ISSUER"
                        + " to use your own OIDC provider instead of Keycloak."));
  }

  static List<JavaRuntime> installed(Path jvmRoot) {
    if (!Files.isDirectory(jvmRoot)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(jvmRoot)) {
      return homes
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .flatMap(
              home ->
                  featureVersion(home).stream().mapToObj(feature -> new JavaRuntime(home, feature)))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The feature release from the home's {@code release} file, as every JDK since 9 ships it. */
  static OptionalInt featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(release)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return OptionalInt.empty();
    }
    String version = properties.getProperty("JAVA_VERSION");
    return version == null ? OptionalInt.empty() : parseFeature(version.replace("\"", ""));
  }

  /** {@code 25.0.3} is 25, {@code 21-ea} is 21, and the old {@code 1.8.0_392} is 8. */
  static OptionalInt parseFeature(String version) {
    String[] parts = version.strip().split("[.\\-+_]");
    try {
      int first = Integer.parseInt(parts[0]);
      if (first == 1 && parts.length > 1) {
        return OptionalInt.of(Integer.parseInt(parts[1]));
      }
      return OptionalInt.of(first);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
