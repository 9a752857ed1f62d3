package dev.slipway.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testkit.kafka.EmbeddedKafka;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.postgres.EmbeddedPostgresServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlipwayInfrastructureIT {

  @Test
  void configPointsAtTheSharedServersAndTheServiceDatabase() throws Exception {
    SlipwayInfrastructure resource = new SlipwayInfrastructure();
    resource.init(Map.of("database", "deploy"));

    Map<String, String> config = resource.start();
    resource.stop();

    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    String issuer = TestOidcServer.shared().issuer();
    assertThat(config)
        .containsOnlyKeys(
            "kafka.bootstrap.servers",
            "quarkus.datasource.reactive.url",
            "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username",
            "quarkus.datasource.password",
            "quarkus.oidc.auth-server-url",
            "quarkus.oidc.client-id",
            "slipway.test.oidc-issuer")
        .containsEntry("kafka.bootstrap.servers", EmbeddedKafka.shared().bootstrapServers())
        .containsEntry("quarkus.datasource.reactive.url", postgres.reactiveUrl("deploy"))
        .containsEntry("quarkus.oidc.auth-server-url", issuer)
        .containsEntry("quarkus.oidc.client-id", "slipway")
        .containsEntry("slipway.test.oidc-issuer", issuer);
    // The resource's stop() leaves the shared servers up, and the database exists.
    try (Connection connection =
        DriverManager.getConnection(
            config.get("quarkus.datasource.jdbc.url"),
            config.get("quarkus.datasource.username"),
            config.get("quarkus.datasource.password"))) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void aSecondClassLoaderAttachesToTheSameServers() throws Exception {
    // What Quarkus does on every application restart: the same classes, loaded afresh.
    try (TestkitClassLoader isolated = new TestkitClassLoader(getClass().getClassLoader())) {
      for (Class<?> server : List.of(EmbeddedKafka.class, EmbeddedPostgresServer.class)) {
        Object local = server.getMethod("shared").invoke(null); // this class loader owns it
        Class<?> copy = isolated.loadClass(server.getName());
        assertThat(copy).isNotSameAs(server);
        Object attached = copy.getMethod("shared").invoke(null);

        assertThat(copy.getMethod("port").invoke(attached))
            .isEqualTo(server.getMethod("port").invoke(local));
        copy.getMethod("stop").invoke(attached); // releases the handle only
        assertThat(server.getMethod("port").invoke(server.getMethod("shared").invoke(null)))
            .isEqualTo(server.getMethod("port").invoke(local));
      }
    }
    try (Connection connection = EmbeddedPostgresServer.shared().connect("postgres")) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  /** Loads dev.slipway.testkit classes itself, everything else from its parent. */
  private static final class TestkitClassLoader extends URLClassLoader {

    TestkitClassLoader(ClassLoader parent) {
      super(
          new URL[] {EmbeddedKafka.class.getProtectionDomain().getCodeSource().getLocation()},
          parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.slipway.testkit.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }

  @Test
  void databaseArgumentIsRequired() {
    assertThatThrownBy(() -> new SlipwayInfrastructure().init(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database");
  }
}
