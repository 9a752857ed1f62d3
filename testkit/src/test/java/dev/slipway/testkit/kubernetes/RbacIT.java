package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each service's ServiceAccount, with the RBAC of k8s/rbac/ as it will be installed, can do its job
 * and nothing next to it.
 */
class RbacIT {
  private static final KubernetesCluster cluster = ClusterLocator.locate();
  private static String team;
  private static final java.util.List<String> createdNamespaces = new java.util.ArrayList<>();

  @BeforeAll
  static void installRbac() {
    RbacManifests.apply(cluster.adminClient(), RbacManifests.directory());
    team = cluster.createTestNamespace("payments-staging");
  }

  @AfterAll
  static void deleteNamespacesCreatedByTheServices() {
    createdNamespaces.forEach(ns -> cluster.adminClient().namespaces().withName(ns).delete());
  }

  @Test
  void deployServiceAppliesWorkloadsButNoSecretsOrNamespaces() {
    try (KubernetesClient deploy = as("deploy-service")) {
      deploy
          .resource(Workloads.deployment(team, "checkout", 2))
          .fieldManager("slipway-deploy")
          .serverSideApply();
      assertThat(deploy.apps().deployments().inNamespace(team).withName("checkout").get())
          .isNotNull();

      assertForbidden(
          () -> deploy.resource(secret()).fieldManager("slipway-deploy").serverSideApply());
      assertForbidden(() -> deploy.secrets().inNamespace(team).list());
      assertForbidden(() -> deploy.resource(namespace("deploy-made-this")).create());
      // Guard rails read the quota and the namespace's kind label, nothing more.
      assertThat(deploy.resourceQuotas().inNamespace(team).list().getItems()).isNotNull();
      assertThat(deploy.namespaces().withName(team).get()).isNotNull();
      assertForbidden(() -> deploy.namespaces().list());
    }
  }

  @Test
  void deployServiceMayReadPodMetricsAndRunShipwrightBuildsAndNothingBeside() {
    try (KubernetesClient deploy = as("deploy-service")) {
      // No metrics-server and no Shipwright CRDs here: the authorizer answers before the API
      // exists, so SelfSubjectAccessReviews ask the question RBAC answers on a real cluster.
      assertThat(allowed(deploy, "metrics.k8s.io", "pods", "list")).isTrue();
      assertThat(allowed(deploy, "metrics.k8s.io", "pods", "get")).isTrue();
      assertThat(allowed(deploy, "metrics.k8s.io", "nodes", "list")).isFalse();
      assertThat(allowed(deploy, "metrics.k8s.io", "pods", "delete")).isFalse();
      for (String resource : java.util.List.of("builds", "buildruns")) {
        for (String verb : java.util.List.of("create", "get", "watch", "patch", "delete")) {
          assertThat(allowed(deploy, "shipwright.io", resource, verb))
              .as("%s %s", verb, resource)
              .isTrue();
        }
      }
      assertThat(allowed(deploy, "shipwright.io", "clusterbuildstrategies", "create")).isFalse();
      assertThat(allowed(deploy, "shipwright.io", "buildstrategies", "create")).isFalse();
    }
  }

  @Test
  void deployServiceReadsAndWatchesQuotasButCannotChangeThem() {
    // The quota guard rail ("requests above the environment's quota") reads the ResourceQuotas of
    // the app's namespace from an informer (list + watch); a quota it could not read would leave
    // the rule without a limit. Asked of the API server for the ServiceAccount itself.
    String user = "system:serviceaccount:" + RbacManifests.NAMESPACE + ":deploy-service";
    for (String verb : java.util.List.of("get", "list", "watch")) {
      assertThat(reviewed(user, "resourcequotas", verb)).as("%s resourcequotas", verb).isTrue();
    }
    for (String verb : java.util.List.of("create", "update", "patch", "delete")) {
      assertThat(reviewed(user, "resourcequotas", verb)).as("%s resourcequotas", verb).isFalse();
    }
    try (KubernetesClient deploy = as("deploy-service")) {
      var quota =
          new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder()
              .withNewMetadata()
              .withName("rbac-it")
              .withNamespace(team)
              .endMetadata()
              .withNewSpec()
              .addToHard("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("2"))
              .endSpec()
              .build();
      cluster.adminClient().resource(quota).create();
      assertThat(deploy.resourceQuotas().inAnyNamespace().list().getItems())
          .extracting(q -> q.getMetadata().getName())
          .contains("rbac-it");
      try (var watch =
          deploy
              .resourceQuotas()
              .inAnyNamespace()
              .watch(
                  new io.fabric8.kubernetes.client.Watcher<>() {
                    @Override
                    public void eventReceived(
                        Action action, io.fabric8.kubernetes.api.model.ResourceQuota resource) {}

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                  })) {
        assertThat(watch).isNotNull();
      }
      assertForbidden(() -> deploy.resource(quota).delete());
    }
  }

  /** The API server's answer for {@code user}, as a SubjectAccessReview (cluster-wide). */
  private static boolean reviewed(String user, String resource, String verb) {
    return cluster
        .adminClient()
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(user)
                .withNewResourceAttributes()
                .withGroup("")
                .withResource(resource)
                .withVerb(verb)
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  @Test
  void environmentServiceCreatesNamespacesAndTeamBindingsButNoSecretsOrWorkloads() {
    try (KubernetesClient environment = as("environment-service")) {
      String name = team + "-env";
      createdNamespaces.add(name);
      environment.resource(namespace(name)).fieldManager("slipway-environment").serverSideApply();
      assertThat(cluster.adminClient().namespaces().withName(name).get()).isNotNull();
      // `bind` on slipway:team-edit lets it grant the team that role without holding it...
      environment
          .resource(teamBinding("slipway:team-edit"))
          .fieldManager("slipway-environment")
          .serverSideApply();
      // ...and nothing else: edit reads Secrets, admin could manage RBAC inside the namespace.
      assertForbidden(
          () ->
              environment
                  .resource(teamBinding("edit"))
                  .fieldManager("slipway-environment")
                  .serverSideApply());
      assertForbidden(
          () ->
              environment
                  .resource(teamBinding("admin"))
                  .fieldManager("slipway-environment")
                  .serverSideApply());

      assertForbidden(
          () ->
              environment.resource(secret()).fieldManager("slipway-environment").serverSideApply());
      assertForbidden(
          () ->
              environment
                  .resource(Workloads.deployment(team, "sneaky", 1))
                  .fieldManager("slipway-environment")
                  .serverSideApply());
    }
  }

  @Test
  void secretServiceAppliesSecretsButNoWorkloads() {
    try (KubernetesClient secrets = as("secret-service")) {
      secrets.resource(secret()).fieldManager("slipway-secret").serverSideApply();
      assertThat(secrets.secrets().inNamespace(team).withName("db-credentials").get()).isNotNull();

      assertForbidden(
          () ->
              secrets
                  .resource(Workloads.deployment(team, "sneaky", 1))
                  .fieldManager("slipway-secret")
                  .serverSideApply());
    }
  }

  @Test
  void costServiceReadsPodsButCannotCreateThem() {
    try (KubernetesClient cost = as("cost-service")) {
      assertThat(cost.pods().inNamespace(team).list().getItems()).isNotNull();
      assertThat(cost.nodes().list().getItems()).isNotNull();

      assertForbidden(
          () ->
              cost.pods()
                  .inNamespace(team)
                  .resource(
                      new PodBuilder()
                          .withNewMetadata()
                          .withName("sneaky")
                          .endMetadata()
                          .withNewSpec()
                          .addNewContainer()
                          .withName("app")
                          .withImage("busybox")
                          .endContainer()
                          .endSpec()
                          .build())
                  .create());
      assertForbidden(() -> cost.secrets().inNamespace(team).list());
    }
  }

  @Test
  void gatewayCanDoNothing() {
    try (KubernetesClient client = as("api-gateway")) {
      assertForbidden(() -> client.namespaces().list());
      assertForbidden(() -> client.pods().inNamespace(team).list());
      assertForbidden(() -> client.configMaps().inNamespace(team).list());
    }
  }

  @Test
  void auditServiceOnlyListsAndWatchesNamespacesAndEvents() {
    try (KubernetesClient audit = as("audit-service")) {
      assertThat(audit.namespaces().list().getItems()).isNotEmpty();
      assertThat(audit.v1().events().inAnyNamespace().withField("type", "Warning").list())
          .isNotNull();
      assertForbidden(() -> audit.namespaces().withName(team).get());
      assertForbidden(() -> audit.pods().inNamespace(team).list());
      assertForbidden(() -> audit.configMaps().inNamespace(team).list());
      assertForbidden(() -> audit.secrets().inNamespace(team).list());
      assertForbidden(
          () ->
              audit
                  .v1()
                  .events()
                  .inNamespace(team)
                  .resource(
                      new io.fabric8.kubernetes.api.model.EventBuilder()
                          .withNewMetadata()
                          .withName("forged")
                          .endMetadata()
                          .withNewInvolvedObject()
                          .withKind("Namespace")
                          .withName(team)
                          .endInvolvedObject()
                          .withType("Warning")
                          .build())
                  .create());
    }
  }

  private boolean allowed(KubernetesClient client, String group, String resource, String verb) {
    return client
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(
            new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withGroup(group)
                .withResource(resource)
                .withVerb(verb)
                .withNamespace(team)
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  private static KubernetesClient as(String serviceAccount) {
    return cluster.clientFor(cluster.serviceAccountToken(RbacManifests.NAMESPACE, serviceAccount));
  }

  private static void assertForbidden(ThrowingCallable call) {
    KubernetesClientException denied = catchThrowableOfType(KubernetesClientException.class, call);
    assertThat(denied).as("expected HTTP 403").isNotNull();
    assertThat(denied.getCode()).as(denied.getMessage()).isEqualTo(403);
  }

  private static Secret secret() {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(team)
        .withName("db-credentials")
        .addToLabels(Workloads.MANAGED_BY, "slipway")
        .endMetadata()
        .addToStringData("url", "postgres://db:5432/app")
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(Workloads.MANAGED_BY, "slipway")
        .addToLabels("slipway.dev/test", "true")
        .endMetadata()
        .build();
  }

  private static RoleBinding teamBinding(String clusterRole) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withNamespace(team)
        .withName("team-payments-" + clusterRole.replace(":", "-"))
        .addToLabels(Workloads.MANAGED_BY, "slipway")
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole")
        .withName(clusterRole)
        .endRoleRef()
        .addNewSubject()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Group")
        .withName("team:payments")
        .endSubject()
        .build();
  }
}
