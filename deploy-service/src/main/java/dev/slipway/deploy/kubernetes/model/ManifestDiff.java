package dev.slipway.deploy.kubernetes.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A readable unified diff of what an apply would change: the live object against the API server's
 * dry-run result, both as YAML with sorted keys and without the fields the server keeps for itself
 * (managedFields, resourceVersion, uid, timestamps, generation, status). Pure.
 */
public final class ManifestDiff {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private ManifestDiff() {}

  public record ObjectDiff(String kind, String name, String action, String diff) {}

  public static ObjectDiff of(HasMetadata desired, HasMetadata live, HasMetadata dryRun) {
    String before = live == null ? "" : yaml(live);
    String after = yaml(dryRun);
    String name = desired.getMetadata().getName();
    String label = desired.getKind() + "/" + name;
    List<String> original = before.isEmpty() ? List.of() : before.lines().toList();
    List<String> revised = after.lines().toList();
    var patch = DiffUtils.diff(original, revised);
    String action = live == null ? "create" : patch.getDeltas().isEmpty() ? "unchanged" : "update";
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(
            live == null ? "/dev/null" : "live/" + label, "planned/" + label, original, patch, 3);
    return new ObjectDiff(desired.getKind(), name, action, String.join("\n", lines));
  }

  /** The object as compared: normalized YAML with sorted keys. */
  public static String yaml(HasMetadata object) {
    ObjectNode tree = (ObjectNode) Patches.toTree(object);
    tree.remove("status");
    JsonNode metadata = tree.path("metadata");
    if (metadata instanceof ObjectNode meta) {
      for (String field :
          List.of(
              "managedFields",
              "resourceVersion",
              "uid",
              "creationTimestamp",
              "generation",
              "selfLink")) {
        meta.remove(field);
      }
    }
    // Values the server picks anew on every create (a Service's cluster IP, a Job's controller
    // uid) would make two plans of the same change differ.
    if (tree.path("spec") instanceof ObjectNode spec) {
      if ("Service".equals(tree.path("kind").asText())) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      if ("Job".equals(tree.path("kind").asText())) {
        spec.remove("selector");
        if (spec.path("template").path("metadata").path("labels") instanceof ObjectNode labels) {
          labels.remove("controller-uid");
          labels.remove("batch.kubernetes.io/controller-uid");
          labels.remove("job-name");
          labels.remove("batch.kubernetes.io/job-name");
        }
      }
    }
    try {
      return YAML.writeValueAsString(sorted(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        var field = it.next();
        fields.put(field.getKey(), sorted(field.getValue()));
      }
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      fields.forEach(result::set);
      return result;
    }
    if (node.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      node.forEach(e -> elements.add(sorted(e)));
      return JsonNodeFactory.instance.arrayNode().addAll(elements);
    }
    return node;
  }
}
