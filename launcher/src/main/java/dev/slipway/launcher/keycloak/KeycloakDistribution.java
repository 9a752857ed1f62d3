package dev.slipway.launcher.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution, from Maven Central like every other dependency (no extra
 * download site to allow through a proxy), unpacked once per version under the user's cache and
 * shared by every checkout: the realm and users live in each checkout's database, not here.
 */
public final class KeycloakDistribution {
  private static final String GROUP_PATH = "org/keycloak/keycloak-quarkus-dist";

  private KeycloakDistribution() {}

  /** The Keycloak home ({@code bin/kc.sh} inside), fetched and unpacked on first use. */
  public static Path ensure(String version, Path cacheDir, Path repoRoot, Consumer<String> status)
      throws IOException, InterruptedException {
    Path home = cacheDir.resolve("keycloak-" + version);
    if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      return home;
    }
    Path zip = localRepositoryZip(version);
    if (!Files.isRegularFile(zip)) {
      status.accept("downloading Keycloak " + version + " from Maven Central (160 MB, once)");
      zip = download(version, cacheDir.resolve("downloads"), repoRoot);
    }
    status.accept("unpacking Keycloak " + version + " (once)");
    unpack(zip, home);
    return home;
  }

  static Path localRepositoryZip(String version) {
    String local = System.getProperty("maven.repo.local");
    Path repository =
        local != null
            ? Path.of(local)
            : Path.of(System.getProperty("user.home"), ".m2", "repository");
    return repository.resolve(
        GROUP_PATH + "/" + version + "/keycloak-quarkus-dist-" + version + ".zip");
  }

  /** Through the project's Maven wrapper, so mirrors and proxies in settings.xml apply. */
  private static Path download(String version, Path downloads, Path repoRoot)
      throws IOException, InterruptedException {
    Files.createDirectories(downloads);
    Path log = downloads.resolve("keycloak-" + version + "-download.log");
    List<String> command =
        List.of(
            repoRoot.resolve("mvnw").toString(),
            "-B",
            "-q",
            "-N",
            "-f",
            repoRoot.resolve("pom.xml").toString(),
            "dependency:copy",
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + version + ":zip",
            "-DoutputDirectory=" + downloads);
    Process maven =
        new ProcessBuilder(command)
            .directory(repoRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!maven.waitFor(15, TimeUnit.MINUTES) || maven.exitValue() != 0) {
      maven.destroyForcibly();
      throw new IOException(
          "cannot fetch org.keycloak:keycloak-quarkus-dist:"
              + version
              + ":zip from Maven Central; see "
              + log
              + ". Or set SLIPWAY_OIDC_ISSUER to use your own OIDC provider.");
    }
    return downloads.resolve("keycloak-quarkus-dist-" + version + ".zip");
  }

  /**
   * Unpacks into a sibling directory and renames it into place, so an interrupted unpack is never
   * mistaken for a complete one. The zip's top directory ({@code keycloak-<version>/}) is dropped.
   */
  static void unpack(Path zip, Path home) throws IOException {
    Path partial =
        home.resolveSibling(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
    Files.createDirectories(partial);
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        String name = entry.getName();
        int slash = name.indexOf('/');
        String relative = slash < 0 ? "" : name.substring(slash + 1);
        if (relative.isEmpty()) {
          continue;
        }
        Path target = partial.resolve(relative).normalize();
        if (!target.startsWith(partial)) {
          throw new IOException("zip entry outside the target directory: " + name);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
        // java.util.zip drops Unix modes; the scripts are the only files that need one.
        if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    if (!Files.isRegularFile(partial.resolve("bin/kc.sh"))) {
      throw new IOException(zip + " is not a Keycloak distribution (no bin/kc.sh)");
    }
    try {
      Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another launcher unpacked the same version meanwhile: use theirs.
      if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
        throw e;
      }
    }
  }
}
