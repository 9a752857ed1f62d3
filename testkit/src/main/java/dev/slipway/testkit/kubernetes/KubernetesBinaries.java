package dev.slipway.testkit.kubernetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the etcd, kube-apiserver, kube-controller-manager and kubectl binaries are, found in this
 * order: the per-version cache dir (the layout io.fabric8:kube-api-test reads, so either can use
 * it), {@code KUBEBUILDER_ASSETS} (envtest's layout: no kube-controller-manager), a build from the
 * Go module proxy with {@code testkit/kube/build.sh} when a Go toolchain is on the PATH.
 */
public record KubernetesBinaries(Path dir, String version, String origin) {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesBinaries.class);

  /**
   * Used when the repository (and so testkit/kube/versions.env, the one place the version is
   * pinned) cannot be found, e.g. testkit used as a jar; a unit test keeps the two equal.
   */
  static final String DEFAULT_VERSION = "1.34.3";

  static final String BUILD_SCRIPT = "testkit/kube/build.sh";

  public Path etcd() {
    return dir.resolve("etcd");
  }

  public Path kubeApiServer() {
    return dir.resolve("kube-apiserver");
  }

  public Path kubectl() {
    return dir.resolve("kubectl");
  }

  /** Absent in the envtest layout: then there are no controllers (see LocalKubernetes). */
  public Optional<Path> kubeControllerManager() {
    Path path = dir.resolve("kube-controller-manager");
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /** Optional, with kwok: schedules pods onto the simulated node. */
  public Optional<Path> kubeScheduler() {
    Path path = dir.resolve("kube-scheduler");
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /** Optional: sigs.k8s.io/kwok keeps the simulated node Ready and its pods Running. */
  public Optional<Path> kwok() {
    Path path = dir.resolve("kwok");
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  public static KubernetesBinaries locate() {
    Optional<Path> repo = repositoryRoot();
    String version = repo.map(KubernetesBinaries::pinnedVersion).orElse(DEFAULT_VERSION);
    Path cached = cacheRoot().resolve("k8s").resolve(version + "-linux-amd64");
    if (complete(cached)) {
      return new KubernetesBinaries(cached, version, "cache " + cached);
    }
    String assets = System.getenv("KUBEBUILDER_ASSETS");
    if (assets != null && !assets.isBlank() && complete(Path.of(assets))) {
      return new KubernetesBinaries(Path.of(assets), "unknown", "KUBEBUILDER_ASSETS " + assets);
    }
    if (repo.isPresent() && onPath("go")) {
      build(repo.get().resolve(BUILD_SCRIPT));
      if (complete(cached)) {
        return new KubernetesBinaries(cached, version, "built into " + cached);
      }
    }
    throw new IllegalStateException(
        "No Kubernetes API server binaries for "
            + version
            + ". Looked in "
            + cached
            + (assets == null ? "" : " and KUBEBUILDER_ASSETS=" + assets)
            + (repo.isEmpty()
                ? "; the Slipway repository was not found (set SLIPWAY_HOME) so "
                    + BUILD_SCRIPT
                    + " could not run"
                : onPath("go") ? "" : "; no Go toolchain on the PATH to build them")
            + ". Do one of: install Go >= 1.25 (the binaries are then built once, ~6 min on 2 cores),"
            + " set KUBEBUILDER_ASSETS to a directory with etcd, kube-apiserver and kubectl"
            + " (setup-envtest), or set SLIPWAY_KUBECONFIG / KUBECONFIG to use a real cluster.");
  }

  /** {@code SLIPWAY_KUBE_DIR}, else {@code $XDG_CACHE_HOME/slipway/kube-api-test}: as build.sh. */
  static Path cacheRoot() {
    String explicit = System.getenv("SLIPWAY_KUBE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("slipway").resolve("kube-api-test");
  }

  /**
   * {@code SLIPWAY_HOME}, else the nearest directory above user.dir that holds the build script.
   */
  static Optional<Path> repositoryRoot() {
    String home = System.getenv("SLIPWAY_HOME");
    if (home != null && !home.isBlank()) {
      return Optional.of(Path.of(home)).filter(p -> Files.exists(p.resolve(BUILD_SCRIPT)));
    }
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.exists(dir.resolve(BUILD_SCRIPT))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  static String pinnedVersion(Path repo) {
    Properties env = new Properties();
    try (var in = Files.newBufferedReader(repo.resolve("testkit/kube/versions.env"))) {
      env.load(in);
    } catch (IOException e) {
      return DEFAULT_VERSION;
    }
    return env.getProperty("KUBE_VERSION", DEFAULT_VERSION).trim();
  }

  private static boolean complete(Path dir) {
    return List.of("etcd", "kube-apiserver", "kubectl").stream()
        .allMatch(b -> Files.isExecutable(dir.resolve(b)));
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
        return true;
      }
    }
    return false;
  }

  private static void build(Path script) {
    LOG.info("Building the Kubernetes API server binaries with {} (once per machine)", script);
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("SLIPWAY_KUBE_DIR", cacheRoot().toString()));
    try {
      Process process = builder.start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        // Progress lines look like "[123s] building kube-apiserver"; go's download chatter is
        // debug.
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("[") || line.startsWith("error")) {
            LOG.info("build.sh: {}", line);
          } else {
            LOG.debug("build.sh: {}", line);
          }
        }
      }
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(script + " failed with exit code " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the Kubernetes binaries", e);
    }
  }
}
