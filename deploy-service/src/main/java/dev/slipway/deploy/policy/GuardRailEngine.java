package dev.slipway.deploy.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.slipway.deploy.domain.GuardRail;
import dev.slipway.deploy.domain.GuardRailViolation;
import dev.slipway.deploy.kubernetes.model.Patches;
import dev.slipway.events.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates guard rails (CEL) over rendered manifests, after every patch, before anything is
 * applied. Each rule sees:
 *
 * <ul>
 *   <li>{@code object}: the manifest as applied;
 *   <li>{@code podSpec}: its pod spec (Deployment, CronJob, Job; {@code {}} for other kinds);
 *   <li>{@code containers}: containers and init containers of that pod spec;
 *   <li>{@code images}: {@code {image, registry, repository, tag, digest}} of each container;
 *   <li>{@code usage}: {@code requestsCpuMilli, requestsMemoryBytes, limitsCpuMilli,
 *       limitsMemoryBytes} of the object at its minimum scale;
 *   <li>{@code environment}: {@code kind, namespace, allowedRegistries, quota} (quota keys as in
 *       usage, present only when the namespace has a ResourceQuota).
 * </ul>
 */
public final class GuardRailEngine {

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("podSpec", SimpleType.DYN)
          .addVar("containers", SimpleType.DYN)
          .addVar("images", SimpleType.DYN)
          .addVar("usage", SimpleType.DYN)
          .addVar("environment", SimpleType.DYN)
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private GuardRailEngine() {}

  /** Compiles every rule; the problems of those that do not compile, with their index. */
  public static List<FieldError> check(List<GuardRail> rules) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      GuardRail rule = rules.get(i);
      String at = "rules[" + i + "]";
      if (rule.name() == null || rule.name().isBlank()) {
        errors.add(new FieldError(at + ".name", "is required"));
      }
      if (rule.message() == null || rule.message().isBlank()) {
        errors.add(new FieldError(at + ".message", "is required"));
      }
      if (rule.expression() == null || rule.expression().isBlank()) {
        errors.add(new FieldError(at + ".expression", "is required"));
        continue;
      }
      CelValidationResult result = COMPILER.compile(rule.expression());
      if (result.hasError()) {
        errors.add(new FieldError(at + ".expression", result.getErrorString()));
      }
    }
    return errors;
  }

  public static List<GuardRailViolation> evaluate(
      List<GuardRail> rules, List<HasMetadata> objects, EnvironmentFacts environment) {
    List<JsonNode> trees = objects.stream().map(Patches::toTree).toList();
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("kind", environment.kind());
    env.put("namespace", environment.namespace());
    env.put("allowedRegistries", environment.allowedRegistries());
    env.put("quota", new HashMap<>(environment.quota()));
    List<GuardRailViolation> violations = new ArrayList<>();
    for (JsonNode tree : trees) {
      String kind = tree.path("kind").asText();
      String podPath = podPath(kind);
      JsonNode podSpec = podPath == null ? null : at(tree, podPath);
      Map<String, Object> vars = new HashMap<>();
      vars.put("object", value(tree));
      vars.put("podSpec", podSpec == null ? Map.of() : value(podSpec));
      List<Object> containers = new ArrayList<>();
      List<Object> images = new ArrayList<>();
      if (podSpec != null) {
        for (String list : List.of("initContainers", "containers")) {
          for (JsonNode container : podSpec.path(list)) {
            containers.add(value(container));
            images.add(ImageReference.parse(container.path("image").asText()).asMap());
          }
        }
      }
      vars.put("containers", containers);
      vars.put("images", images);
      vars.put("usage", usage(tree, podSpec, trees));
      vars.put("environment", env);
      String object = kind + "/" + tree.path("metadata").path("name").asText();
      for (GuardRail rule : rules) {
        if (!rule.appliesTo(kind) || !rule.appliesIn(environment.kind())) {
          continue;
        }
        String field =
            object
                + ":"
                + (rule.field() == null
                    ? "$"
                    : rule.field().replace("{pod}", podPath == null ? "spec" : podPath));
        try {
          Object ok = program(rule.expression()).eval(vars);
          if (!Boolean.TRUE.equals(ok)) {
            violations.add(
                new GuardRailViolation(rule.name(), rule.severity(), field, rule.message()));
          }
        } catch (CelEvaluationException | RuntimeException e) {
          violations.add(
              new GuardRailViolation(
                  rule.name(),
                  rule.severity(),
                  field,
                  rule.message() + " (the rule could not be evaluated: " + e.getMessage() + ")"));
        }
      }
    }
    return violations;
  }

  private static CelRuntime.Program program(String expression) {
    return PROGRAMS.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = COMPILER.compile(e).getAst();
            return RUNTIME.createProgram(ast);
          } catch (Exception failure) {
            throw new IllegalArgumentException(failure.getMessage(), failure);
          }
        });
  }

  static String podPath(String kind) {
    return switch (kind) {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> "spec.template.spec";
      case "CronJob" -> "spec.jobTemplate.spec.template.spec";
      case "Pod" -> "spec";
      default -> null;
    };
  }

  private static JsonNode at(JsonNode tree, String dotted) {
    JsonNode node = tree;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() ? null : node;
  }

  /**
   * Requests and limits of one object at its minimum scale (an HPA's minReplicas if it has one).
   */
  private static Map<String, Object> usage(JsonNode tree, JsonNode podSpec, List<JsonNode> all) {
    Map<String, Object> usage = new HashMap<>();
    if (podSpec == null) {
      return usage;
    }
    long replicas = 1;
    if (tree.path("spec").has("replicas")) {
      replicas = tree.path("spec").path("replicas").asLong();
    } else if ("Deployment".equals(tree.path("kind").asText())) {
      for (JsonNode other : all) {
        if ("HorizontalPodAutoscaler".equals(other.path("kind").asText())
            && tree.path("metadata")
                .path("name")
                .asText()
                .equals(other.path("spec").path("scaleTargetRef").path("name").asText())) {
          replicas = other.path("spec").path("minReplicas").asLong(1);
        }
      }
    }
    long[] sums = new long[4];
    for (JsonNode container : podSpec.path("containers")) {
      JsonNode resources = container.path("resources");
      sums[0] += milli(resources.path("requests").path("cpu"));
      sums[1] += bytes(resources.path("requests").path("memory"));
      sums[2] += milli(resources.path("limits").path("cpu"));
      sums[3] += bytes(resources.path("limits").path("memory"));
    }
    usage.put("replicas", replicas);
    usage.put("requestsCpuMilli", sums[0] * replicas);
    usage.put("requestsMemoryBytes", sums[1] * replicas);
    usage.put("limitsCpuMilli", sums[2] * replicas);
    usage.put("limitsMemoryBytes", sums[3] * replicas);
    return usage;
  }

  public static long milli(JsonNode quantity) {
    return quantity.isMissingNode() || quantity.isNull()
        ? 0
        : Quantity.getAmountInBytes(new Quantity(quantity.asText()))
            .multiply(BigDecimal.valueOf(1000))
            .longValue();
  }

  public static long bytes(JsonNode quantity) {
    return quantity.isMissingNode() || quantity.isNull()
        ? 0
        : Quantity.getAmountInBytes(new Quantity(quantity.asText())).longValue();
  }

  /** JSON to the values CEL understands: maps, lists, Long, Double, String, Boolean. */
  static Object value(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!field.getValue().isNull()) {
          map.put(field.getKey(), value(field.getValue()));
        }
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(value(element)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
