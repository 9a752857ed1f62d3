package dev.slipway.deploy.observe;

import dev.slipway.deploy.kubernetes.model.AppTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Fills {@code {{name}}} placeholders of PromQL and URL templates with an app's coordinates. */
final class Placeholders {

  private Placeholders() {}

  static String fill(String template, AppTarget target, UnaryOperator<String> encode) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", target.namespace());
    values.put("app", target.app());
    values.put("service", target.app());
    values.put("team", target.team());
    values.put("environment", target.environment());
    String result = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      result = result.replace("{{" + value.getKey() + "}}", encode.apply(value.getValue()));
    }
    return result;
  }
}
