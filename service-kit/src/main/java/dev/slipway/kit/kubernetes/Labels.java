package dev.slipway.kit.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels Slipway puts on everything it makes; teardown and audits select on them. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "slipway";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String TEAM = "slipway.dev/team";
  public static final String ENVIRONMENT = "slipway.dev/environment";
  public static final String KIND = "slipway.dev/kind";

  private Labels() {}

  public static Map<String, String> environment(String team, String environment) {
    var labels = new LinkedHashMap<String, String>();
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(TEAM, team);
    labels.put(ENVIRONMENT, environment);
    return labels;
  }

  public static Map<String, String> app(String team, String environment, String app) {
    var labels = environment(team, environment);
    labels.put(NAME, app);
    return labels;
  }

  /** The namespace of a team's environment: {@code <team>-<env>}. */
  public static String namespace(String team, String environment) {
    return team + "-" + environment;
  }
}
