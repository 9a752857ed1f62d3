package dev.slipway.events.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.events.JsonSchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an app spec ({@code slipway.dev/v1}) before anything is published: the published JSON
 * Schema first, then the rules a schema cannot say well. Every problem is reported at once.
 */
public final class AppSpecValidator {

  /** Specs are small; anything larger is a mistake or an attack. */
  public static final int MAX_BYTES = 64 * 1024;

  public static final String SCHEMA_RESOURCE = "/dev/slipway/events/spec/app-spec.v1.json";

  // The OCI distribution reference grammar, simplified: [registry[:port]/]path[:tag][@digest].
  private static final Pattern IMAGE =
      Pattern.compile(
          "^(?:(?:[a-zA-Z0-9-]+\\.)*[a-zA-Z0-9-]+(?::[0-9]+)?/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
  private static final Pattern CRON_FIELD = Pattern.compile("^[0-9A-Za-z*/,?\\-]+$");

  private static final JsonSchemaCheck SCHEMA = JsonSchemaCheck.fromClasspath(SCHEMA_RESOURCE);
  private static final ObjectMapper YAML = new YAMLMapper();

  /** The result of reading a request body: a spec, or why it could not be read. */
  public record Parsed(ObjectNode spec, List<FieldError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Loads and compiles the schema now. The first validation otherwise pays for it (hundreds of
   * milliseconds on a cold JVM), on whatever thread asks first: in a service, a Vert.x event loop.
   * Services call this at startup.
   */
  public static void warmUp() {
    new AppSpecValidator()
        .validate(
            EventJson.mapper()
                .createObjectNode()
                .put("apiVersion", "slipway.dev/v1")
                .put("name", "warm-up")
                .put("image", "warm/up:1")
                .put("port", 8080));
  }

  /** Reads JSON, or YAML when {@code yaml} is true, and validates it. */
  public Parsed parseAndValidate(String body, boolean yaml) {
    if (body == null || body.isBlank()) {
      return new Parsed(null, List.of(new FieldError("$", "the request has no app spec")));
    }
    if (body.length() > MAX_BYTES) {
      return new Parsed(
          null,
          List.of(new FieldError("$", "the app spec is larger than " + MAX_BYTES + " bytes")));
    }
    JsonNode tree;
    try {
      tree = (yaml ? YAML : EventJson.mapper()).readTree(body);
    } catch (JsonProcessingException e) {
      return new Parsed(
          null,
          List.of(
              new FieldError(
                  "$", "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage())));
    }
    if (!(tree instanceof ObjectNode spec)) {
      return new Parsed(null, List.of(new FieldError("$", "the app spec must be an object")));
    }
    return new Parsed(spec, validate(spec));
  }

  public List<FieldError> validate(JsonNode spec) {
    List<FieldError> errors = new ArrayList<>(SCHEMA.validate(spec));
    // Without a type, a named golden path decides the workload (a worker path needs no port).
    String type = spec.path("type").asText(spec.has("goldenPath") ? "" : "web");
    boolean hasImage = spec.hasNonNull("image");
    boolean hasRepo = spec.hasNonNull("gitRepo");
    if (hasImage == hasRepo) {
      errors.add(
          new FieldError("image", "give either image or gitRepo (with buildpack), not both"));
    }
    if (hasImage
        && spec.path("image").isTextual()
        && !IMAGE.matcher(spec.path("image").asText()).matches()) {
      errors.add(new FieldError("image", "is not a valid image reference (registry/name:tag)"));
    }
    if (hasRepo && spec.path("gitRepo").isTextual()) {
      GitSource.repositoryProblem(spec.path("gitRepo").asText())
          .ifPresent(problem -> errors.add(new FieldError("gitRepo", problem)));
    }
    String dockerfile = spec.path("dockerfile").asText("");
    if (dockerfile.startsWith("/") || dockerfile.startsWith("-") || dockerfile.contains("..")) {
      errors.add(new FieldError("dockerfile", "must be a path inside the repository"));
    }
    if (spec.hasNonNull("buildpack") && spec.hasNonNull("dockerfile")) {
      errors.add(new FieldError("dockerfile", "give either buildpack or dockerfile, not both"));
    }
    if (hasRepo && !spec.hasNonNull("buildpack") && !spec.hasNonNull("dockerfile")) {
      errors.add(new FieldError("buildpack", "a gitRepo needs a buildpack or a dockerfile"));
    }
    if (!hasRepo && (spec.has("buildpack") || spec.has("dockerfile"))) {
      errors.add(
          new FieldError(spec.has("buildpack") ? "buildpack" : "dockerfile", "needs gitRepo"));
    }
    if ("web".equals(type) && !spec.has("port")) {
      errors.add(new FieldError("port", "is required for a web app"));
    }
    if (spec.has("env") && spec.has("environmentVariables")) {
      errors.add(
          new FieldError("environmentVariables", "give env or environmentVariables, not both"));
    }
    checkSchedule(spec, type, errors);
    checkAutoscaling(spec.path("autoscaling"), errors);
    checkEnv(spec, errors);
    return errors.stream().distinct().toList();
  }

  private static void checkSchedule(JsonNode spec, String type, List<FieldError> errors) {
    boolean cron = "cron".equals(type);
    if (cron && !spec.hasNonNull("schedule")) {
      errors.add(new FieldError("schedule", "is required for type cron"));
    } else if (!cron && spec.has("schedule")) {
      errors.add(new FieldError("schedule", "only type cron has a schedule"));
    } else if (cron && spec.path("schedule").isTextual()) {
      String[] fields = spec.path("schedule").asText().trim().split("\\s+");
      boolean valid = fields.length == 5;
      for (String field : fields) {
        valid &= CRON_FIELD.matcher(field).matches();
      }
      if (!valid) {
        errors.add(new FieldError("schedule", "is not a cron expression of five fields"));
      }
    }
  }

  private static void checkAutoscaling(JsonNode autoscaling, List<FieldError> errors) {
    JsonNode min = autoscaling.path("minReplicas");
    JsonNode max = autoscaling.path("maxReplicas");
    if (min.isInt() && max.isInt() && min.asInt() > max.asInt()) {
      errors.add(new FieldError("autoscaling.maxReplicas", "must not be less than minReplicas"));
    }
  }

  private static void checkEnv(JsonNode spec, List<FieldError> errors) {
    String field = spec.has("env") ? "env" : "environmentVariables";
    JsonNode env = spec.path(field);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < env.size(); i++) {
      JsonNode variable = env.get(i);
      if (variable.has("value") == variable.has("valueFrom")) {
        errors.add(new FieldError(field + "[" + i + "]", "give either value or valueFrom"));
      }
      String name = variable.path("name").asText();
      if (!name.isEmpty() && !seen.add(name)) {
        errors.add(new FieldError(field + "[" + i + "].name", "duplicates " + name));
      }
    }
  }
}
