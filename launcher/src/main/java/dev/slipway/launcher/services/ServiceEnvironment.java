package dev.slipway.launcher.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service process starts with: Quarkus reads {@code QUARKUS_*} variables over its
 * application.properties (profiled ones included), and fabric8 reads {@code KUBECONFIG}.
 */
public final class ServiceEnvironment {
  private ServiceEnvironment() {}

  public static Map<String, String> of(SlipwayService service, Infrastructure infra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
    env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", infra.database().reactiveUrl(service.database()));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.database().jdbcUrl(service.database()));
    env.put("QUARKUS_DATASOURCE_USERNAME", infra.database().username());
    env.put("QUARKUS_DATASOURCE_PASSWORD", infra.database().password());
    env.put("QUARKUS_OIDC_AUTH_SERVER_URL", infra.oidcIssuer());
    env.put("QUARKUS_OIDC_CLIENT_ID", "slipway");
    env.put("KUBECONFIG", infra.kubeconfig().toString());
    if (service.equals(SlipwayService.GATEWAY)) {
      for (SlipwayService backend : SlipwayService.ALL) {
        if (!backend.equals(service)) {
          env.put("QUARKUS_REST_CLIENT_" + backend.restClientKey() + "_URL", backend.url());
        }
      }
    }
    return env;
  }
}
