package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.events.EventJson;
import dev.slipway.testkit.oidc.TestOidcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI (issue 10) against the real services: signed in through the browser flow of the testkit's
 * provider, it creates, clones, lists and deletes environments, plans and deploys and follows the
 * operation to SUCCEEDED, reads logs, secrets, costs and the audit trail, takes a production deploy
 * through a tech lead's approval and rejection, and answers the exit codes scripts rely on
 * (docs/cli.md).
 */
class CliPlatformIT {

  // Its own team: the other e2e tests share this JVM's databases and Kubernetes API.
  private static final String TEAM = "books";
  private static final String PASSWORD = UUID.randomUUID().toString();
  private static Platform platform;

  @TempDir Path developerConfig;
  @TempDir Path techLeadConfig;
  @TempDir Path work;

  @BeforeAll
  static void platform() throws Exception {
    platform =
        Platform.start(
            Platform.repoRoot(),
            Files.createTempDirectory("slipway-cli-e2e"),
            List.of(
                "api-gateway",
                "deploy-service",
                "environment-service",
                "secret-service",
                "cost-service",
                "audit-service"));
    TestOidcServer oidc = TestOidcServer.shared();
    oidc.registerUser("dana", PASSWORD, List.of("/teams/" + TEAM + "/developer"));
    oidc.registerUser("lee", PASSWORD, List.of("/teams/" + TEAM + "/tech-lead"));
    Api admin = new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
    for (String[] environment :
        new String[][] {{"dev", "development"}, {"production", "production"}}) {
      var created =
          admin.post(
              "/api/v1/teams/" + TEAM + "/environments",
              "application/json",
              "{\"name\":\"%s\",\"kind\":\"%s\"}".formatted(environment[0], environment[1]));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
      List<JsonNode> states =
          admin.followOperation(
              created.body().path("operationId").asText(), Duration.ofSeconds(90));
      assertThat(states.get(states.size() - 1).path("state").asText()).isEqualTo("SUCCEEDED");
    }
    warmUp(admin);
  }

  /**
   * The first plan of a cold deploy-service and the first secret of a cold secret-service can
   * outlast the gateway's upstream timeout on a loaded machine; the tests measure the CLI, not the
   * first request of a JVM.
   */
  private static void warmUp(Api admin) {
    String dev = "/api/v1/teams/" + TEAM + "/environments/dev";
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                admin
                        .post(
                            dev + "/apps/warm-up/plan",
                            "application/json",
                            "{\"name\":\"warm-up\",\"image\":\"nginx:1.27\",\"port\":8080}")
                        .status()
                    == 200);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                admin
                        .post(
                            dev + "/secrets",
                            "application/json",
                            "{\"name\":\"warm-up\",\"values\":{\"k\":\"v\"}}")
                        .status()
                    < 500);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private CliRunner developer() {
    return new CliRunner(platform.gatewayUrl(), TestOidcServer.shared().issuer(), developerConfig);
  }

  private CliRunner techLead() {
    return new CliRunner(platform.gatewayUrl(), TestOidcServer.shared().issuer(), techLeadConfig);
  }

  @Test
  void aDeveloperSignedInInTheBrowserManagesEnvironmentsDeploysAndReadsWhatHappened()
      throws Exception {
    CliRunner cli = developer();
    assertThat(cli.run("", "env", "list").exit()).isEqualTo(ExitCode.AUTH);
    CliRunner.Run login = cli.loginInBrowser("dana", PASSWORD);
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out()).contains("Signed in as dana (teams: " + TEAM + ")");

    CliRunner.Run create = cli.run("", "env", "create", "pr-7", "--kind", "preview");
    assertThat(create.exit()).as(create.out() + create.err()).isZero();
    assertThat(create.out()).contains("SUCCEEDED");
    CliRunner.Run clone = cli.run("", "env", "clone", "dev", "pr-8", "--kind", "preview");
    assertThat(clone.exit()).as(clone.out() + clone.err()).isZero();
    assertThat(clone.out()).contains("SUCCEEDED");
    assertThat(names(cli.run("", "env", "list", "-o", "json"))).contains("dev", "pr-7", "pr-8");
    CliRunner.Run delete = cli.run("", "env", "delete", "pr-8", "--yes");
    assertThat(delete.exit()).as(delete.out() + delete.err()).isZero();
    assertThat(names(cli.run("", "env", "list", "-o", "json"))).doesNotContain("pr-8");

    Path spec = work.resolve("hello.yaml");
    Files.writeString(spec, "name: hello\nimage: nginxinc/nginx-unprivileged:1.27\nport: 8080\n");
    CliRunner.Run plan = cli.run("", "deploy", "-f", spec.toString(), "--env", "dev", "--plan");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).contains("create", "Deployment/hello", "Plan hash");
    CliRunner.Run deploy =
        cli.run("", "deploy", "-f", spec.toString(), "--env", "dev", "-o", "json");
    assertThat(deploy.exit()).as(deploy.out() + deploy.err()).isZero();
    JsonNode operation = EventJson.mapper().readTree(deploy.out());
    assertThat(operation.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(operation.path("result").path("revision").asInt()).isEqualTo(1);
    String operationId = operation.path("id").asText();

    CliRunner.Run status = cli.run("", "ops", "status", operationId);
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("SUCCEEDED");
    CliRunner.Run show = cli.run("", "apps", "show", "hello", "--env", "dev", "-o", "json");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(EventJson.mapper().readTree(show.out()).path("goldenPath").asText())
        .startsWith("web@");

    // The pods run on a simulated node that serves no log lines (a read waits for the gateway's
    // timeout): the test asks for a container they do not have, so the route answers at once.
    CliRunner.Run logs =
        cli.run("", "logs", "hello", "--env", "dev", "--container", "sidecar", "-o", "json");
    assertThat(logs.exit()).as(logs.out() + logs.err()).isZero();
    assertThat(json(logs.out()).path("lines").isArray()).isTrue();
    assertThat(json(logs.out()).path("sources")).isEmpty();
    CliRunner.Run badSince = cli.run("", "logs", "hello", "--env", "dev", "--since", "yesterday");
    assertThat(badSince.exit()).as(badSince.err()).isEqualTo(ExitCode.USAGE);
    assertThat(badSince.err()).contains("since");

    CliRunner.Run audit = cli.run("", "audit", "--operation", operationId);
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("deploy.requested.v1", "dana");
    CliRunner.Run follow = cli.runOnce("audit", "--env", "dev", "--follow", "-o", "json");
    assertThat(follow.exit()).as(follow.err()).isZero();
    List<String> types = new ArrayList<>();
    follow.out().lines().forEach(l -> types.add(json(l).path("type").asText()));
    assertThat(types).contains("dev.slipway.deploy.requested.v1");
  }

  @Test
  void secretsAreSetListedAndRotatedWithoutTheirValuesEverShown() throws Exception {
    CliRunner cli = developer();
    assertThat(cli.loginInBrowser("dana", PASSWORD).exit()).isZero();
    String value = "pw-" + UUID.randomUUID();

    CliRunner.Run set = cli.run(value + "\n", "secret", "set", "db", "--key", "password");
    assertThat(set.exit()).as(set.out() + set.err()).isZero();
    CliRunner.Run list = cli.run("", "secret", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("db", "password");
    CliRunner.Run rotate = cli.run("", "secret", "rotate", "db");
    assertThat(rotate.exit()).as(rotate.out() + rotate.err()).isZero();
    CliRunner.Run versions = cli.run("", "secret", "versions", "db", "-o", "json");
    assertThat(versions.exit()).as(versions.err()).isZero();
    for (CliRunner.Run run : List.of(set, list, rotate, versions)) {
      assertThat(run.out() + run.err()).doesNotContain(value);
    }
  }

  @Test
  void costsAnswerForTheTeamAndTheMonth() throws Exception {
    CliRunner cli = developer();
    assertThat(cli.loginInBrowser("dana", PASSWORD).exit()).isZero();

    CliRunner.Run month = cli.run("", "costs", "--month", "2026-01", "--by", "app", "-o", "json");
    assertThat(month.exit()).as(month.out() + month.err()).isZero();
    JsonNode costs = json(month.out());
    assertThat(costs.path("team").asText()).isEqualTo(TEAM);
    assertThat(costs.path("from").asText()).isEqualTo("2026-01-01");
    assertThat(costs.path("to").asText()).isEqualTo("2026-01-31");
    assertThat(costs.path("groupBy").asText()).isEqualTo("app");
    CliRunner.Run table = cli.run("", "costs");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("Total " + TEAM);
    assertThat(cli.run("", "costs", "--month", "January").exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aProductionDeployWaitsForTheTechLeadWhoApprovesOneAndRejectsAnother() throws Exception {
    CliRunner dana = developer();
    CliRunner lee = techLead();
    assertThat(dana.loginInBrowser("dana", PASSWORD).exit()).isZero();
    assertThat(lee.loginInBrowser("lee", PASSWORD).exit()).isZero();

    JsonNode approved = requestProductionDeploy(dana, "shelf");
    CliRunner.Run waiting = lee.run("", "approvals", "-o", "json");
    assertThat(waiting.exit()).as(waiting.err()).isZero();
    assertThat(waiting.out()).contains(approved.path("result").path("approvalId").asText());
    assertThat(dana.run("", "approve", approved.path("result").path("approvalId").asText()).exit())
        .as("nobody approves their own request")
        .isEqualTo(ExitCode.AUTH);
    CliRunner.Run approve =
        lee.run(
            "",
            "approve",
            approved.path("result").path("approvalId").asText(),
            "--reason",
            "plan reviewed",
            "--wait");
    assertThat(approve.exit()).as(approve.out() + approve.err()).isZero();
    assertThat(approve.out()).contains("SUCCEEDED");

    JsonNode rejected = requestProductionDeploy(dana, "ledger");
    CliRunner.Run reject =
        lee.run(
            "",
            "reject",
            rejected.path("result").path("approvalId").asText(),
            "--reason",
            "not this week");
    assertThat(reject.exit()).as(reject.out() + reject.err()).isZero();
    CliRunner.Run status = dana.run("", "ops", "status", rejected.path("id").asText());
    assertThat(status.out()).contains("REJECTED");
    assertThat(status.exit()).isEqualTo(ExitCode.FAILED);
  }

  /** A developer's production deploy: plan, then the plan hash; it waits for an approval. */
  private JsonNode requestProductionDeploy(CliRunner dana, String app) throws Exception {
    Path spec = work.resolve(app + ".yaml");
    Files.writeString(
        spec, "name: " + app + "\nimage: nginxinc/nginx-unprivileged:1.27\nport: 8080\n");
    CliRunner.Run plan =
        dana.run(
            "", "deploy", "-f", spec.toString(), "--env", "production", "--plan", "-o", "json");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    String hash = json(plan.out()).path("planHash").asText();
    CliRunner.Run deploy =
        dana.run(
            "",
            "deploy",
            "-f",
            spec.toString(),
            "--env",
            "production",
            "--plan-hash",
            hash,
            "-o",
            "json");
    assertThat(deploy.exit()).as(deploy.out() + deploy.err()).isZero();
    JsonNode operation = json(deploy.out());
    assertThat(operation.path("state").asText()).isEqualTo("PENDING_APPROVAL");
    return operation;
  }

  @Test
  void exitCodesTellScriptsWhatWentWrong() throws Exception {
    CliRunner cli = developer();
    String token = TestOidcServer.shared().token("dana", List.of("/teams/" + TEAM + "/developer"));
    assertThat(cli.run(token + "\n", "login", "--with-token").exit()).isZero();

    Path bad = work.resolve("bad.yaml");
    Files.writeString(bad, "name: Hello_World\nimage: nginx\nport: 70000\n");
    CliRunner.Run invalid = cli.run("", "deploy", "-f", bad.toString(), "--env", "dev");
    assertThat(invalid.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(invalid.err()).contains("name", "port");

    CliRunner.Run production = cli.run("", "env", "create", "live", "--kind", "production");
    assertThat(production.exit()).as(production.err()).isEqualTo(ExitCode.AUTH);

    CliRunner.Run otherTeam = cli.run("", "env", "show", "dev", "--team", "payments");
    assertThat(otherTeam.exit()).as(otherTeam.err()).isEqualTo(ExitCode.NOT_FOUND);

    CliRunner.Run otherTeamsLogs = cli.run("", "logs", "hello", "--team", "payments");
    assertThat(otherTeamsLogs.exit()).as(otherTeamsLogs.err()).isEqualTo(ExitCode.NOT_FOUND);

    CliRunner.Run noSuchOperation =
        cli.run("", "ops", "status", "00000000-0000-0000-0000-000000000000");
    assertThat(noSuchOperation.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  private static List<String> names(CliRunner.Run list) {
    assertThat(list.exit()).as(list.err()).isZero();
    List<String> names = new ArrayList<>();
    json(list.out()).forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return EventJson.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
