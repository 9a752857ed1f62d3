package dev.slipway.launcher.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.launcher.infra.DatabaseServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {
  private final Infrastructure infra =
      new Infrastructure(
          new DatabaseServer("127.0.0.1", 15432, "slipway", "pw"),
          "127.0.0.1:19092",
          Path.of("/data/kube/kubeconfig"),
          "http://127.0.0.1:18080/realms/slipway");

  @Test
  void aServiceGetsItsOwnDatabaseAndTheSharedServers() {
    SlipwayService deploy = SlipwayService.ALL.get(1);

    Map<String, String> env = ServiceEnvironment.of(deploy, infra);

    assertThat(env)
        .containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1")
        .containsEntry("QUARKUS_HTTP_PORT", "8081")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
        .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:15432/deploy")
        .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/deploy")
        .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:18080/realms/slipway")
        .containsEntry("KUBECONFIG", "/data/kube/kubeconfig")
        .doesNotContainKey("QUARKUS_REST_CLIENT_DEPLOY_SERVICE_URL");
  }

  @Test
  void theGatewayFindsTheServicesBehindIt() {
    Map<String, String> env = ServiceEnvironment.of(SlipwayService.GATEWAY, infra);

    assertThat(env)
        .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:15432/gateway")
        .containsEntry("QUARKUS_REST_CLIENT_DEPLOY_SERVICE_URL", "http://127.0.0.1:8081")
        .containsEntry("QUARKUS_REST_CLIENT_ENVIRONMENT_SERVICE_URL", "http://127.0.0.1:8082")
        .containsEntry("QUARKUS_REST_CLIENT_AUDIT_SERVICE_URL", "http://127.0.0.1:8085");
  }
}
