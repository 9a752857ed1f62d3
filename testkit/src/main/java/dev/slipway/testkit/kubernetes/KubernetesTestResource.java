package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus app under test at a real Kubernetes API ({@link ClusterLocator}: a real cluster
 * from {@code SLIPWAY_KUBECONFIG}/{@code KUBECONFIG}, else the JVM's {@link LocalKubernetes}).
 *
 * <p>With the init arg {@code service-account} (e.g. {@code deploy-service}) it applies {@code
 * k8s/rbac/} and gives the app that ServiceAccount's token, so the app under test has exactly its
 * production RBAC; without it, the admin's. The app's own test code can reach the cluster as admin
 * through the kubeconfig in {@code slipway.test.kubeconfig}.
 *
 * <pre>
 * &#64;WithTestResource(value = KubernetesTestResource.class,
 *     initArgs = &#64;ResourceArg(name = "service-account", value = "deploy-service"))
 * </pre>
 *
 * <p>The {@code quarkus.kubernetes-client.*} keys are build-and-run-time-fixed in Quarkus 3.33; the
 * values returned here are read at run time, when the client bean is created. Apps also set {@code
 * %test.quarkus.kubernetes-client.devservices.enabled=false}: Dev Services would need Docker.
 */
public class KubernetesTestResource implements QuarkusTestResourceLifecycleManager {
  public static final String KUBECONFIG_PROPERTY = "slipway.test.kubeconfig";
  public static final String SERVICE_ACCOUNT_ARG = "service-account";

  private String serviceAccount;

  @Override
  public void init(Map<String, String> initArgs) {
    serviceAccount = initArgs.get(SERVICE_ACCOUNT_ARG);
  }

  @Override
  public Map<String, String> start() {
    KubernetesCluster cluster = ClusterLocator.locate();
    Config admin = cluster.adminClient().getConfiguration();
    String token = admin.getOauthToken();
    if (serviceAccount != null && !serviceAccount.isBlank()) {
      RbacManifests.apply(cluster.adminClient(), RbacManifests.directory());
      token = cluster.serviceAccountToken(RbacManifests.NAMESPACE, serviceAccount);
    }
    Map<String, String> config = new HashMap<>();
    config.put(KUBECONFIG_PROPERTY, cluster.kubeconfig().toString());
    if (token == null) {
      // A real cluster whose kubeconfig authenticates otherwise (client certificate, exec plugin).
      config.put("quarkus.kubernetes-client.kubeconfig-file", cluster.kubeconfig().toString());
      return config;
    }
    config.put("quarkus.kubernetes-client.api-server-url", cluster.apiServerUrl());
    config.put("quarkus.kubernetes-client.token", token);
    if (admin.getCaCertData() != null) {
      config.put("quarkus.kubernetes-client.ca-cert-data", admin.getCaCertData());
    } else if (admin.getCaCertFile() != null) {
      config.put("quarkus.kubernetes-client.ca-cert-file", admin.getCaCertFile());
    }
    config.put("quarkus.kubernetes-client.trust-certs", "false");
    return config;
  }

  @Override
  public void stop() {
    // The cluster is shared by every test of the JVM and stops with it.
  }
}
