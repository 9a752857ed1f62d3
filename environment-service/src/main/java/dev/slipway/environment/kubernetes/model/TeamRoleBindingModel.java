package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.config.EnvironmentsConfig.TeamAccess;
import dev.slipway.environment.domain.EnvironmentSpec;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The team's RoleBindings in its namespace, one per group, from configuration: which ClusterRole a
 * group gets depends on the environment's kind. The ClusterRoles configured must not grant reading
 * Secrets (the platform standard); the defaults are {@code view} and {@code slipway:team-edit}.
 */
public final class TeamRoleBindingModel {

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private TeamRoleBindingModel() {}

  public static String name(String group) {
    return "slipway-team-" + group;
  }

  public static List<RoleBinding> render(EnvironmentSpec spec, TeamAccess access) {
    // Sorted: the same configuration renders the same objects in the same order.
    Map<String, String> bindings = new TreeMap<>(access.bindingsFor(spec.kind()));
    return bindings.entrySet().stream()
        .map(
            e ->
                new RoleBindingBuilder()
                    .withNewMetadata()
                    .withName(name(e.getKey()))
                    .withNamespace(spec.namespace())
                    .withLabels(EnvironmentLabels.of(spec))
                    .endMetadata()
                    .withNewRoleRef()
                    .withApiGroup(RBAC_GROUP)
                    .withKind("ClusterRole")
                    .withName(e.getValue())
                    .endRoleRef()
                    .addNewSubject()
                    .withApiGroup(RBAC_GROUP)
                    .withKind("Group")
                    .withName(access.group(spec.team(), e.getKey()))
                    .endSubject()
                    .build())
        .toList();
  }
}
