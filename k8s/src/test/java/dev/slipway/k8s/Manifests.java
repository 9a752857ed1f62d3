package dev.slipway.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.slipway.testkit.kubernetes.KubernetesBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders the chart (helm-java) and the kustomize overlays (kubectl kustomize) into objects. */
final class Manifests {
  static final String RELEASE = "slipway";
  static final String NAMESPACE = "slipway-system";
  static final List<String> SERVICES =
      List.of(
          "api-gateway",
          "deploy-service",
          "environment-service",
          "secret-service",
          "cost-service",
          "audit-service");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  /** The k8s module's directory (Maven runs tests there; the IDE may run them from the root). */
  static Path moduleDir() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("helm/slipway")) ? here : here.resolve("k8s");
  }

  static Path chartDir() {
    return moduleDir().resolve("helm/slipway");
  }

  static Path rbacDir() {
    return moduleDir().resolve("rbac");
  }

  /** {@code helm template slipway k8s/helm/slipway -n slipway-system [-f values]}. */
  static String renderChart(Path... valuesFiles) {
    TemplateCommand template =
        new Helm(chartDir())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            // The version of the local API server the dry-run tests apply to
            // (testkit/kube/versions.env).
            .withKubeVersion(KubernetesBinaries.locate().version());
    for (Path values : valuesFiles) {
      template = template.withValuesFile(values);
    }
    return keep("chart" + valuesFiles.length, template.call());
  }

  /** Keeps a rendering in target/rendered/ for a reader of a failed test. */
  static String keep(String name, String yaml) {
    try {
      Path dir = Files.createDirectories(moduleDir().resolve("target/rendered"));
      Files.writeString(dir.resolve(name + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return yaml;
  }

  static Path testValues(String name) {
    return moduleDir().resolve("src/test/resources/values/" + name);
  }

  /** {@code kubectl kustomize k8s/kustomize/<dir>}, with the kubectl the testkit uses. */
  static String kustomize(String dir) {
    Path kubectl = KubernetesBinaries.locate().kubectl();
    return run(
        List.of(
            kubectl.toString(), "kustomize", moduleDir().resolve("kustomize/" + dir).toString()));
  }

  static String run(List<String> command) {
    try {
      Path out = Files.createTempFile("slipway-k8s-", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      Files.delete(out);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every non-empty document of a multi-document YAML stream. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (var it = YAML.readerFor(Map.class).<Map<String, Object>>readValues(yaml)) {
      while (it.hasNext()) {
        Map<String, Object> doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  static List<Map<String, Object>> documents(Path file) {
    try {
      return documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
    return docs.stream()
        .filter(d -> kind.equals(d.get("kind")) && name.equals(name(d)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @SuppressWarnings("unchecked")
  static String name(Map<String, Object> doc) {
    return (String) ((Map<String, Object>) doc.get("metadata")).get("name");
  }

  /**
   * Walks a path of map keys and list indexes, e.g. at(doc, "spec", "template"); null if absent.
   */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object key : path) {
      if (current == null) {
        return null;
      }
      current =
          key instanceof Integer i
              ? ((List<Object>) current).get(i)
              : ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }
}
