package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Io;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.events.EventJson;
import dev.slipway.testkit.oidc.TestOidcServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI (issue 10) against the real services: signed in with a token of the testkit's provider,
 * it creates and lists environments, deploys and follows the operation to SUCCEEDED, reads the
 * operation again, and answers the exit codes scripts rely on (docs/cli.md).
 */
class CliPlatformIT {

  // Its own team: the other e2e tests share this JVM's databases and Kubernetes API.
  private static final String TEAM = "books";
  private static Platform platform;

  @TempDir Path config;
  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void platform() throws Exception {
    platform =
        Platform.start(
            Platform.repoRoot(),
            Files.createTempDirectory("slipway-cli-e2e"),
            List.of("api-gateway", "deploy-service", "environment-service", "audit-service"));
    Api admin = new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
    var created =
        admin.post(
            "/api/v1/teams/" + TEAM + "/environments",
            "application/json",
            "{\"name\":\"dev\",\"kind\":\"development\"}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
    List<JsonNode> states =
        admin.followOperation(created.body().path("operationId").asText(), Duration.ofSeconds(90));
    assertThat(states.get(states.size() - 1).path("state").asText()).isEqualTo("SUCCEEDED");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aDeveloperSignedInByTokenCreatesListsDeploysAndReadsOperations() throws Exception {
    assertThat(run("", "env", "list").exit()).isEqualTo(ExitCode.AUTH);
    Run login = run(developerToken() + "\n", "login", "--with-token");
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out()).contains("Signed in as dana (teams: " + TEAM + ")");

    Run create = run("", "env", "create", "pr-7", "--kind", "preview");
    assertThat(create.exit()).as(create.out() + create.err()).isZero();
    assertThat(create.out()).contains("SUCCEEDED");

    Run list = run("", "env", "list", "-o", "json");
    assertThat(list.exit()).as(list.err()).isZero();
    List<String> names = new ArrayList<>();
    EventJson.mapper().readTree(list.out()).forEach(e -> names.add(e.path("name").asText()));
    assertThat(names).contains("dev", "pr-7");

    Path spec = work.resolve("hello.yaml");
    Files.writeString(spec, "name: hello\nimage: nginxinc/nginx-unprivileged:1.27\nport: 8080\n");
    Run deploy = run("", "deploy", "-f", spec.toString(), "--env", "dev", "-o", "json");
    assertThat(deploy.exit()).as(deploy.out() + deploy.err()).isZero();
    JsonNode operation = EventJson.mapper().readTree(deploy.out());
    assertThat(operation.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(operation.path("result").path("revision").asInt()).isEqualTo(1);

    Run status = run("", "ops", "status", operation.path("id").asText());
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("SUCCEEDED");

    Run show = run("", "apps", "show", "hello", "--env", "dev", "-o", "json");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(EventJson.mapper().readTree(show.out()).path("goldenPath").asText())
        .startsWith("web@");
  }

  @Test
  void exitCodesTellScriptsWhatWentWrong() throws Exception {
    assertThat(run(developerToken() + "\n", "login", "--with-token").exit()).isZero();

    Path bad = work.resolve("bad.yaml");
    Files.writeString(bad, "name: Hello_World\nimage: nginx\nport: 70000\n");
    Run invalid = run("", "deploy", "-f", bad.toString(), "--env", "dev");
    assertThat(invalid.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(invalid.err()).contains("name", "port");

    Run production = run("", "env", "create", "live", "--kind", "production");
    assertThat(production.exit()).as(production.err()).isEqualTo(ExitCode.AUTH);

    Run otherTeam = run("", "env", "show", "dev", "--team", "payments");
    assertThat(otherTeam.exit()).as(otherTeam.err()).isEqualTo(ExitCode.NOT_FOUND);

    Run noSuchOperation = run("", "ops", "status", "00000000-0000-0000-0000-000000000000");
    assertThat(noSuchOperation.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  private static String developerToken() {
    return TestOidcServer.shared().token("dana", List.of("/teams/" + TEAM + "/developer"));
  }

  private Run run(String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("SLIPWAY_URL", platform.gatewayUrl());
    env.put("SLIPWAY_OIDC_ISSUER", TestOidcServer.shared().issuer());
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("SLIPWAY_DEV_ENV", "/nonexistent");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            env,
            false);
    int exit = SlipwayCli.run(io, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), args);
    return new Run(exit, out.toString(), err.toString());
  }
}
