package dev.slipway.k8s;

import static dev.slipway.k8s.Manifests.SERVICES;
import static dev.slipway.k8s.Manifests.at;
import static dev.slipway.k8s.Manifests.documents;
import static dev.slipway.k8s.Manifests.find;
import static dev.slipway.k8s.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the chart renders, with default values and with an existing Kafka and PostgreSQL. */
class ChartRenderTest {
  private static final List<Map<String, Object>> DEFAULT = documents(Manifests.renderChart());
  private static final List<Map<String, Object>> EXTERNAL =
      documents(Manifests.renderChart(Manifests.testValues("external.yaml")));

  @Test
  void theChartPassesHelmLintStrict() {
    var lint = new com.marcnuri.helm.Helm(Manifests.chartDir()).lint().strict().call();
    assertThat(lint.getMessages())
        .as("helm lint --strict")
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    assertThat(lint.isFailed()).isFalse();
  }

  @Test
  void aMisspeltValueIsRefusedByTheValuesSchema() throws java.io.IOException {
    java.nio.file.Path values = java.nio.file.Files.createTempFile("slipway-values-", ".yaml");
    java.nio.file.Files.writeString(values, "postgres:\n  external:\n    host: db\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.renderChart(values))
        .hasMessageContaining("postgres");
    java.nio.file.Files.delete(values);
  }

  @Test
  void everyServiceHasItsWorkloadObjects() {
    for (String service : SERVICES) {
      for (String kind :
          List.of(
              "Deployment",
              "ServiceAccount",
              "Service",
              "PodDisruptionBudget",
              "HorizontalPodAutoscaler",
              "NetworkPolicy",
              "KafkaUser",
              "Cluster")) {
        assertThat(DEFAULT)
            .as("%s %s", kind, kind.equals("Cluster") ? "of " + service : service)
            .anySatisfy(
                d -> {
                  assertThat(d.get("kind")).isEqualTo(kind);
                  Map<String, Object> labels = at(d, "metadata", "labels");
                  assertThat(labels).containsEntry("app.kubernetes.io/name", service);
                });
      }
    }
  }

  @Test
  void containersAreHardenedAndProbed() {
    for (String service : SERVICES) {
      Map<String, Object> pod =
          at(find(DEFAULT, "Deployment", service), "spec", "template", "spec");
      Map<String, Object> container = at(pod, "containers", 0);
      assertThat(at(pod, "serviceAccountName").toString()).isEqualTo(service);
      assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
      assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
      assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();
      assertThat((List<Object>) at(container, "securityContext", "capabilities", "drop"))
          .containsExactly("ALL");
      assertThat(at(container, "livenessProbe", "httpGet", "path").toString())
          .isEqualTo("/q/health/live");
      assertThat(at(container, "readinessProbe", "httpGet", "path").toString())
          .isEqualTo("/q/health/ready");
      assertThat((Map<String, Object>) at(container, "resources", "requests"))
          .containsKeys("cpu", "memory");
      assertThat((Map<String, Object>) at(container, "resources", "limits"))
          .containsKeys("cpu", "memory");
      assertThat((List<Map<String, Object>>) at(container, "volumeMounts"))
          .anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp"));
      assertThat(at(container, "ports", 0, "containerPort").toString()).isEqualTo("8080");
    }
  }

  @Test
  void onlyServicesWithRbacGetAToken() {
    assertThat(automount("api-gateway")).isFalse();
    assertThat(automount("audit-service")).isTrue();
    assertThat(automount("deploy-service")).isTrue();
    assertThat(automount("environment-service")).isTrue();
    assertThat(automount("secret-service")).isTrue();
    assertThat(automount("cost-service")).isTrue();
  }

  private static boolean automount(String service) {
    return at(
        find(DEFAULT, "Deployment", service),
        "spec",
        "template",
        "spec",
        "automountServiceAccountToken");
  }

  @Test
  void everyServiceReadsItsSettingsFromTheEnvironment() {
    for (String service : SERVICES) {
      Map<String, Map<String, Object>> env = env(DEFAULT, service);
      assertThat(env)
          .containsKeys(
              "KAFKA_BOOTSTRAP_SERVERS",
              "QUARKUS_DATASOURCE_REACTIVE_URL",
              "QUARKUS_DATASOURCE_JDBC_URL",
              "QUARKUS_DATASOURCE_USERNAME",
              "QUARKUS_DATASOURCE_PASSWORD",
              "QUARKUS_OIDC_AUTH_SERVER_URL",
              "QUARKUS_LOG_CONSOLE_JSON");
      assertThat(env.get("QUARKUS_LOG_CONSOLE_JSON")).containsEntry("value", "true");
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS"))
          .containsEntry("value", "slipway-kafka-kafka-bootstrap:9093");
      assertThat(
              (Object)
                  at(env.get("QUARKUS_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
          .isEqualTo("slipway-pg-" + database(service) + "-app");
      assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
          .containsEntry(
              "value",
              "jdbc:postgresql://slipway-pg-"
                  + database(service)
                  + "-rw:5432/"
                  + database(service));
      assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"))
          .containsEntry(
              "value",
              "postgresql://slipway-pg-" + database(service) + "-rw:5432/" + database(service));
    }
    Map<String, Map<String, Object>> gateway = env(DEFAULT, "api-gateway");
    assertThat(gateway.get("QUARKUS_REST_CLIENT_DEPLOY_SERVICE_URL"))
        .containsEntry("value", "http://deploy-service.slipway-system.svc:8080");
    assertThat(gateway)
        .containsKeys(
            "QUARKUS_REST_CLIENT_ENVIRONMENT_SERVICE_URL",
            "QUARKUS_REST_CLIENT_SECRET_SERVICE_URL",
            "QUARKUS_REST_CLIENT_AUDIT_SERVICE_URL",
            "QUARKUS_REST_CLIENT_COST_SERVICE_URL");
  }

  @Test
  void externalKafkaAndPostgresqlReplaceStrimziAndCloudNativePg() {
    assertThat(EXTERNAL)
        .noneMatch(
            d ->
                List.of(
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "KafkaUser",
                        "Cluster",
                        "ScheduledBackup")
                    .contains(d.get("kind")));
    for (String service : SERVICES) {
      Map<String, Map<String, Object>> env = env(EXTERNAL, service);
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "kafka.data.svc:9093");
      assertThat(env)
          .containsKey("KAFKA_SASL_JAAS_CONFIG")
          .doesNotContainKey("KAFKA_SSL_TRUSTSTORE_LOCATION");
      assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
          .containsEntry(
              "value",
              "jdbc:postgresql://postgres.data.svc:5432/" + database(service) + "?sslmode=require");
      assertThat(
              (Object)
                  at(env.get("QUARKUS_DATASOURCE_USERNAME"), "valueFrom", "secretKeyRef", "name"))
          .isEqualTo("slipway-" + service + "-db");
    }
  }

  @Test
  void everyTopicOfTheContractsIsAKafkaTopic() {
    assertThat(ofKind(DEFAULT, "KafkaTopic").stream().map(d -> (String) at(d, "spec", "topicName")))
        .containsExactlyInAnyOrderElementsOf(Topics.ALL);
    for (Map<String, Object> topic : ofKind(DEFAULT, "KafkaTopic")) {
      assertThat((Integer) at(topic, "spec", "partitions")).isGreaterThanOrEqualTo(3);
      assertThat((Integer) at(topic, "spec", "replicas")).isEqualTo(3);
      assertThat((Map<String, Object>) at(topic, "spec", "config")).containsKey("retention.ms");
    }
  }

  @Test
  void kafkaUsersMayOnlyTouchTheirTopicsAndGroups() {
    Map<String, Object> audit = find(DEFAULT, "KafkaUser", "audit-service");
    List<Map<String, Object>> acls = at(audit, "spec", "authorization", "acls");
    assertThat(acls)
        .allSatisfy(
            acl -> {
              String type = at(acl, "resource", "type");
              String name = at(acl, "resource", "name");
              assertThat(type).isIn("topic", "group");
              if (type.equals("group")) {
                assertThat(name).isEqualTo("audit-service");
                assertThat((Object) at(acl, "resource", "patternType")).isEqualTo("prefix");
              } else {
                assertThat(name).startsWith("slipway.");
                assertThat((Object) at(acl, "resource", "patternType")).isEqualTo("literal");
              }
            });
    // audit-service writes only its own stream (and dead letters), never a command topic.
    assertThat(writes(acls)).containsExactlyInAnyOrder("slipway.audit", "slipway.dlq");
    Map<String, Object> deploy = find(DEFAULT, "KafkaUser", "deploy-service");
    assertThat(writes(at(deploy, "spec", "authorization", "acls")))
        .containsExactlyInAnyOrder("slipway.deploy", "slipway.dlq");
  }

  private static List<String> writes(List<Map<String, Object>> acls) {
    return acls.stream()
        .filter(a -> ((List<?>) a.get("operations")).contains("Write"))
        .map(a -> (String) at(a, "resource", "name"))
        .toList();
  }

  @Test
  void theGatewayIsTheOnlyEntryAndTheServicesOnlyReachTheirDependencies() {
    Map<String, Object> ingress = find(DEFAULT, "Ingress", "api-gateway");
    assertThat((Object) at(ingress, "spec", "tls", 0, "secretName")).isEqualTo("slipway-tls");
    assertThat(
            (Object)
                at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"))
        .isEqualTo("api-gateway");
    Map<String, Object> deploy = find(DEFAULT, "NetworkPolicy", "deploy-service");
    assertThat(
            (Object)
                at(
                    deploy,
                    "spec",
                    "ingress",
                    0,
                    "from",
                    0,
                    "podSelector",
                    "matchLabels",
                    "app.kubernetes.io/name"))
        .isEqualTo("api-gateway");
    List<Map<String, Object>> egress = at(deploy, "spec", "egress");
    assertThat(egress)
        .anySatisfy(
            e ->
                assertThat((Object) at(e, "to", 0, "podSelector", "matchLabels", "cnpg.io/cluster"))
                    .isEqualTo("slipway-pg-deploy"));
    assertThat(egress)
        .anySatisfy(
            e ->
                assertThat(
                        (Object) at(e, "to", 0, "podSelector", "matchLabels", "strimzi.io/cluster"))
                    .isEqualTo("slipway-kafka"));
    // audit-service reads Events and Namespaces: the same destinations, API server included.
    int auditRules =
        ((List<?>) at(find(DEFAULT, "NetworkPolicy", "audit-service"), "spec", "egress")).size();
    assertThat(auditRules).isEqualTo(egress.size());
  }

  @Test
  void backupsAndAlertsAreConfigured() {
    assertThat(ofKind(DEFAULT, "Cluster")).hasSize(SERVICES.size());
    for (Map<String, Object> cluster : ofKind(DEFAULT, "Cluster")) {
      assertThat((Object) at(cluster, "spec", "backup", "barmanObjectStore", "destinationPath"))
          .asString()
          .startsWith("s3://");
    }
    assertThat(ofKind(DEFAULT, "ScheduledBackup")).hasSize(SERVICES.size());
    List<Map<String, Object>> rules =
        at(find(DEFAULT, "PrometheusRule", "slipway"), "spec", "groups", 0, "rules");
    assertThat(rules.stream().map(r -> (String) r.get("alert")).collect(Collectors.toList()))
        .containsExactlyInAnyOrder(
            "SlipwayServiceDown",
            "SlipwayConsumerLag",
            "SlipwayDeadLetters",
            "SlipwayOutboxBacklog");
  }

  static String database(String service) {
    return service.equals("api-gateway") ? "gateway" : service.replace("-service", "");
  }

  static Map<String, Map<String, Object>> env(List<Map<String, Object>> docs, String service) {
    List<Map<String, Object>> env =
        at(find(docs, "Deployment", service), "spec", "template", "spec", "containers", 0, "env");
    return env.stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
  }
}
