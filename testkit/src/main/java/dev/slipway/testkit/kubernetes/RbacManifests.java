package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The per-service ServiceAccounts and ClusterRoles of {@code k8s/rbac/}, applied as they are, so
 * tests run with exactly the RBAC that production gets (never a copy of it in test code).
 */
public final class RbacManifests {
  /** The namespace the services' ServiceAccounts live in. */
  public static final String NAMESPACE = "slipway-system";

  static final String FIELD_MANAGER = "slipway-installer";

  private RbacManifests() {}

  /** {@code k8s/rbac} of the repository (found as for {@link KubernetesBinaries}). */
  public static Path directory() {
    return KubernetesBinaries.repositoryRoot()
        .map(root -> root.resolve("k8s/rbac"))
        .filter(Files::isDirectory)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "k8s/rbac not found above "
                        + System.getProperty("user.dir")
                        + "; set SLIPWAY_HOME"));
  }

  /** Server-side applies every file of {@code dir}, the Namespace first. Idempotent. */
  public static void apply(KubernetesClient client, Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<HasMetadata> objects =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .sorted()
              .flatMap(f -> load(client, f).stream())
              // Namespaces before what lives in them.
              .sorted((a, b) -> Boolean.compare(!isNamespace(a), !isNamespace(b)))
              .toList();
      for (HasMetadata object : objects) {
        client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isNamespace(HasMetadata object) {
    return "Namespace".equals(object.getKind());
  }

  private static List<HasMetadata> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
