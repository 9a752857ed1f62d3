package dev.slipway.testkit.quarkus;

import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The infrastructure every Slipway service test needs: Kafka, a PostgreSQL database of its own and
 * an OpenID Provider, all real, on 127.0.0.1.
 *
 * <pre>
 * &#64;QuarkusTestResource(
 *     value = SlipwayInfrastructure.class,
 *     initArgs = &#64;ResourceArg(name = "database", value = "deploy"))
 * </pre>
 *
 * <p>The servers are shared by the whole test JVM and outlive each Quarkus application: {@link
 * #stop()} leaves them running, and a shutdown hook stops them when the JVM exits. A service that
 * needs the Kubernetes API adds the Kubernetes test resource beside this one.
 */
public class SlipwayInfrastructure implements QuarkusTestResourceLifecycleManager {

  public static final String DATABASE_ARG = "database";
  public static final String OIDC_ISSUER_PROPERTY = "slipway.test.oidc-issuer";

  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get(DATABASE_ARG);
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException(
          "SlipwayInfrastructure needs @ResourceArg(name = \"database\", value = <service>)");
    }
  }

  @Override
  public Map<String, String> start() {
    // The broker and the database take a few seconds each; started side by side.
    CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(EmbeddedKafka::shared);
    CompletableFuture<EmbeddedPostgresServer> postgres =
        CompletableFuture.supplyAsync(
            () -> {
              EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
              server.createDatabase(database);
              return server;
            });
    TestOidcServer oidc = TestOidcServer.shared();
    try {
      return config(kafka.join(), postgres.join(), oidc);
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private Map<String, String> config(
      EmbeddedKafka kafka, EmbeddedPostgresServer postgres, TestOidcServer oidc) {
    return Map.of(
        "kafka.bootstrap.servers",
        kafka.bootstrapServers(),
        "quarkus.datasource.reactive.url",
        postgres.reactiveUrl(database),
        "quarkus.datasource.jdbc.url",
        postgres.jdbcUrl(database),
        "quarkus.datasource.username",
        postgres.username(),
        "quarkus.datasource.password",
        postgres.password(),
        "quarkus.oidc.auth-server-url",
        oidc.issuer(),
        "quarkus.oidc.client-id",
        "slipway",
        OIDC_ISSUER_PROPERTY,
        oidc.issuer());
  }

  @Override
  public void stop() {
    // Shared by every test class of this JVM; the shutdown hooks stop them at exit.
  }
}
