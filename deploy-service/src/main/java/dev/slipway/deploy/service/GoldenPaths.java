package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.deploy.domain.SpecResolver;
import dev.slipway.deploy.domain.WorkloadType;
import dev.slipway.deploy.kubernetes.model.AppTarget;
import dev.slipway.deploy.kubernetes.model.GoldenPathRenderer;
import dev.slipway.events.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading, checking and trying out golden path definitions. Pure: no database, no cluster. */
public final class GoldenPaths {

  /** The paths shipped with Slipway, loaded as version 1 where the database has none. */
  public static final List<String> BUILT_IN = List.of("web", "worker", "cron", "job");

  static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");

  private GoldenPaths() {}

  public static GoldenPath builtIn(String name) {
    try (InputStream in =
        GoldenPaths.class.getResourceAsStream("/golden-paths/" + name + ".yaml")) {
      return YAML.readValue(in, GoldenPath.class);
    } catch (IOException e) {
      throw new UncheckedIOException("built-in golden path " + name, e);
    }
  }

  public static GoldenPath read(String json) {
    try {
      return YAML.readValue(json, GoldenPath.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String json(GoldenPath path) {
    return dev.slipway.events.EventJson.mapper().valueToTree(path).toString();
  }

  /**
   * Parses a definition an admin sent (JSON or YAML) and checks it, including a trial render of a
   * sample app, so a broken path is refused before any app uses it.
   */
  public static GoldenPath parse(String name, String body, List<FieldError> errors) {
    GoldenPath path;
    try {
      JsonNode tree = YAML.readTree(body == null ? "" : body);
      if (tree == null || !tree.isObject()) {
        errors.add(new FieldError("$", "a golden path is an object"));
        return null;
      }
      path = YAML.treeToValue(tree, GoldenPath.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("$");
      errors.add(new FieldError(field, e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      errors.add(new FieldError("$", "not valid JSON or YAML"));
      return null;
    }
    if (!NAME.matcher(name).matches() || name.length() > 63) {
      errors.add(new FieldError("name", "must be a DNS label"));
    }
    if (path.name() != null && !path.name().equals(name)) {
      errors.add(new FieldError("name", "must be " + name + " (the name in the URL)"));
    }
    if (path.workload() == null) {
      errors.add(new FieldError("workload", "is required: web, worker, cron or job"));
    }
    for (int i = 0; i < path.objects().size(); i++) {
      if (!GoldenPath.OPTIONAL_OBJECTS.contains(path.objects().get(i))) {
        errors.add(
            new FieldError("objects[" + i + "]", "must be one of " + GoldenPath.OPTIONAL_OBJECTS));
      }
    }
    var d = path.defaults();
    if (d == null || d.resources() == null) {
      errors.add(new FieldError("defaults.resources", "is required (requests and limits)"));
    } else {
      if (path.workload() == WorkloadType.CRON && d.concurrencyPolicy() == null) {
        errors.add(new FieldError("defaults.concurrencyPolicy", "is required for a cron path"));
      }
      if ((path.workload() == WorkloadType.CRON || path.workload() == WorkloadType.JOB)
          && d.backoffLimit() == null) {
        errors.add(new FieldError("defaults.backoffLimit", "is required for a batch path"));
      }
      if (path.renders("NetworkPolicy") && d.ingressNamespace() == null) {
        errors.add(new FieldError("defaults.ingressNamespace", "is required with NetworkPolicy"));
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    GoldenPath named =
        new GoldenPath(
            name,
            0,
            path.description(),
            path.workload(),
            path.objects(),
            path.defaults(),
            path.patches());
    errors.addAll(tryOut(named));
    return errors.isEmpty() ? named : null;
  }

  /** Renders a sample app with the path: the problems an app would meet, found now. */
  static List<FieldError> tryOut(GoldenPath path) {
    List<FieldError> errors = new ArrayList<>();
    var sample = dev.slipway.events.EventJson.mapper().createObjectNode();
    sample.put("name", "sample");
    sample.put("image", "registry.example/sample:1.0.0");
    sample.put("port", 8080);
    sample.put("host", "sample.example.com");
    if (path.workload() == WorkloadType.CRON) {
      sample.put("schedule", "0 * * * *");
    }
    sample.putArray("env").addObject().put("name", "MODE").put("value", "sample");
    try {
      new GoldenPathRenderer(path)
          .render(new AppTarget("team", "env", "sample"), new SpecResolver(path).resolve(sample));
    } catch (RenderException e) {
      errors.addAll(e.errors());
    } catch (RuntimeException e) {
      errors.add(new FieldError("$", "a sample app does not render: " + e.getMessage()));
    }
    return errors;
  }
}
