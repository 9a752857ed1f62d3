package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against {@link FakeGateway}: real HTTP, real SSE, real files. */
class CliIT {

  @TempDir Path config;
  @TempDir Path work;

  private FakeGateway gateway;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    gateway = new FakeGateway();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("SLIPWAY_URL", gateway.url());
    env.put("SLIPWAY_OIDC_ISSUER", gateway.issuer());
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("SLIPWAY_DEV_ENV", "/nonexistent");
    return env;
  }

  private Run run(String stdin, String... args) {
    return run(stdin, d -> {}, args);
  }

  private Run run(String stdin, Oidc.Sleeper sleeper, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            env(),
            false);
    int exit = SlipwayCli.run(io, Clock.systemUTC(), sleeper, args);
    return new Run(exit, out.toString(), err.toString());
  }

  private void signIn() {
    Run login = run(FakeGateway.PASSWORD + "\n", "login", "--password", "--username", "alice");
    assertThat(login.exit()).as(login.err()).isZero();
  }

  private Path spec(String name, String text) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void passwordLoginStoresTokensInAPrivateFileAndNeverPrintsThePassword() throws Exception {
    Run login = run(FakeGateway.PASSWORD + "\n", "login", "--password", "-u", "alice");

    assertThat(login.exit()).isZero();
    assertThat(login.out()).contains("Signed in as alice (teams: payments)");
    assertThat(login.out() + login.err()).doesNotContain(FakeGateway.PASSWORD);
    Path file = config.resolve("slipway/credentials.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("refresh-1");
  }

  @Test
  void aWrongPasswordIsAnAuthErrorWithTheProvidersReason() {
    Run login = run("wrong\n", "login", "--password", "-u", "alice");

    assertThat(login.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(login.err()).contains("Sign-in failed: Invalid user credentials.");
  }

  @Test
  void deviceFlowShowsTheCodeAndPollsUntilTheUserConfirmed() {
    Run login = run("", "login");

    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.err()).contains("WXYZ-1234").contains("/device?user_code=WXYZ-1234");
    assertThat(gateway.requests("POST", "/realms/slipway/protocol/openid-connect/token"))
        .hasSize(2);
    assertThat(login.out()).contains("Signed in as alice");
  }

  @Test
  void everyCommandNeedsASignInFirst() {
    Run list = run("", "env", "list");

    assertThat(list.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(list.err()).contains("run `slipway-cli login`");
  }

  @Test
  void deployFollowsTheOperationStreamToSucceeded() throws Exception {
    signIn();
    Path app =
        spec("app.yaml", "name: hello\nimage: nginxinc/nginx-unprivileged:1.27\nport: 8080\n");

    Run deploy = run("", "deploy", "-f", app.toString());

    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(deploy.out())
        .contains("deploy payments/dev/hello: SUCCEEDED - revision 1 of hello applied (5 objects)");
    // Not a terminal: no spinner, each state once on stderr.
    assertThat(deploy.err()).contains("deploy payments/dev/hello: PENDING").doesNotContain("\r");
    var post = gateway.requests("POST", "/api/v1/teams/payments/environments/dev/apps").get(0);
    assertThat(post.contentType()).isEqualTo("application/yaml");
    assertThat(post.body()).contains("name: hello");
    assertThat(post.auth()).startsWith("Bearer ey");
  }

  @Test
  void whenTheStreamEndsEarlyTheOperationIsReadOnceMore() throws Exception {
    signIn();
    Path app = spec("app.yaml", "name: flaky\nimage: nginx\n");

    Run deploy = run("", "deploy", "-f", app.toString(), "-o", "json");

    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(Json.parse(deploy.out()).path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(gateway.requests("GET", "/api/v1/operations/"))
        .extracting(FakeGateway.Request::path)
        .anySatisfy(p -> assertThat(p).doesNotEndWith("/events"));
  }

  @Test
  void aFailedDeployPrintsItsFieldErrorsAndExitsOne() throws Exception {
    signIn();
    Path app = spec("app.json", "{\"name\":\"broken\",\"image\":\"evil.example/x\"}");

    Run deploy = run("", "deploy", "-f", app.toString(), "--team", "payments", "--env", "dev");

    assertThat(deploy.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(deploy.out())
        .contains("FAILED - the cluster refused the Deployment")
        .contains("  spec.template.spec.containers[0].image  is not allowed");
    assertThat(gateway.requests("POST", "/api/v1/teams").get(0).contentType())
        .isEqualTo("application/json");
  }

  @Test
  void anInvalidSpecShowsEveryFieldErrorAndExitsTwo() throws Exception {
    signIn();
    Path app = spec("bad.yaml", "name: Hello_World\nimage: nginx\nport: 70000\n");

    Run deploy = run("", "deploy", "-f", app.toString());

    assertThat(deploy.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(deploy.err())
        .contains("Error: The request has 2 invalid field(s). (400 Invalid request)")
        .contains("  name  does not match the regex pattern")
        .contains("  port  must have a maximum value of 65535");
  }

  @Test
  void withJsonOutputScriptsGetTheProblemOnStandardOutput() throws Exception {
    signIn();
    Path app = spec("bad.yaml", "name: Hello_World\nimage: nginx\nport: 70000\n");

    Run deploy = run("", "deploy", "-f", app.toString(), "-o", "json");

    assertThat(deploy.exit()).isEqualTo(ExitCode.USAGE);
    var problem = Json.parse(deploy.out());
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("errors")).hasSize(2);
    assertThat(deploy.err()).contains("  port  must have a maximum value of 65535");
  }

  @Test
  void planShowsTheDiffAndTheHashToApply() throws Exception {
    signIn();
    Path app = spec("app.yaml", "name: hello\nimage: nginx\n");

    Run plan = run("", "deploy", "-f", app.toString(), "--plan");

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("create  Deployment/hello")
        .contains("+kind: Deployment")
        .contains("Guard rails: all passed.")
        .contains("--plan-hash " + "a".repeat(64));
    assertThat(gateway.requests("POST", "/api/v1/teams/payments/environments/dev/apps"))
        .allSatisfy(r -> assertThat(r.path()).endsWith("/hello/plan"));
  }

  @Test
  void deployWithAPlanHashSendsIt() throws Exception {
    signIn();
    Path app = spec("app.yaml", "name: hello\nimage: nginx\n");

    Run deploy =
        run(
            "",
            "deploy",
            "-f",
            app.toString(),
            "--plan-hash",
            "b".repeat(64),
            "--no-wait",
            "-o",
            "json");

    assertThat(deploy.exit()).isZero();
    assertThat(Json.parse(deploy.out()).path("operationId").asText()).isNotEmpty();
    assertThat(gateway.requests("POST", "/api/v1/teams").get(0).query())
        .isEqualTo("planHash=" + "b".repeat(64));
  }

  @Test
  void environmentsAsATableOrAsTheApisJson() {
    signIn();

    Run table = run("", "env", "list");
    Run json = run("", "env", "list", "-o", "json");

    assertThat(table.exit()).isZero();
    assertThat(table.out())
        .startsWith("NAME        KIND         STATUS  APPS  AGE   EXPIRES  CLONED FROM\n")
        .contains("dev         development  READY   1     1d2h  never    -");
    assertThat(Json.parse(json.out()).get(0).path("namespace").asText()).isEqualTo("payments-dev");
  }

  @Test
  void environmentCommandsAreOperationsToo() {
    signIn();

    assertThat(run("", "env", "create", "qa", "--kind", "staging").exit()).isZero();
    Run clone =
        run(
            "",
            "env",
            "clone",
            "dev",
            "pr-42",
            "--kind",
            "preview",
            "--replicas",
            "1",
            "--host",
            "{app}.pr-42.example.com");
    Run exists = run("", "env", "create", "dev");
    Run deleteWithoutYes = run("", "env", "delete", "pr-42");
    Run delete = run("", "env", "delete", "pr-42", "--yes");

    assertThat(clone.exit()).as(clone.err()).isZero();
    assertThat(clone.out()).contains("clone payments/dev to payments/pr-42: SUCCEEDED");
    var cloneBody =
        Json.parse(
            gateway
                .requests("POST", "/api/v1/teams/payments/environments/dev/clone")
                .get(0)
                .body());
    assertThat(cloneBody.path("overrides").path("replicas").asInt()).isEqualTo(1);
    assertThat(cloneBody.path("overrides").path("host").asText())
        .isEqualTo("{app}.pr-42.example.com");
    assertThat(exists.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(exists.err()).contains("already exists. (409 Conflict)");
    assertThat(deleteWithoutYes.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(delete.exit()).isZero();
  }

  @Test
  void appsShowTheirEffectiveSpecAndRollBackAsAnOperation() {
    signIn();

    Run list = run("", "apps", "list");
    Run show = run("", "apps", "show", "hello");
    Run rollback = run("", "apps", "rollback", "hello", "--revision", "1");
    Run whoami = run("", "whoami");

    assertThat(list.out()).contains("hello  2         DEPLOYED  web@1        nginx:1.27");
    assertThat(show.out()).contains("Effective spec:").contains("replicas: 3");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rollback payments/dev/hello to 1: SUCCEEDED");
    assertThat(
            Json.parse(
                    gateway
                        .requests(
                            "POST", "/api/v1/teams/payments/environments/dev/apps/hello/rollback")
                        .get(0)
                        .body())
                .path("revision")
                .asInt())
        .isEqualTo(1);
    assertThat(whoami.out()).isEqualTo("alice  /teams/payments/developer\n");
  }

  @Test
  void anotherTeamIsNotFound() {
    signIn();

    Run list = run("", "env", "list", "--team", "search");

    assertThat(list.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(list.err()).contains("Team search does not exist. (404 Not found)");
  }

  @Test
  void secretValuesComeFromStdinAndAreNeverPrinted() {
    signIn();

    Run created = run("s3cr3t-value\n", "secret", "set", "db", "--key", "password");
    Run updated = run("s3cr3t-2\n", "secret", "set", "db", "--key", "password");
    Run fromLines = run("user=app\nurl=postgres://x\n", "secret", "set", "conn");
    Run list = run("", "secret", "list");

    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("Secret db created: version 1, keys password\n");
    assertThat(updated.out()).isEqualTo("Secret db updated: version 2, keys password\n");
    assertThat(fromLines.out()).contains("keys user, url");
    for (Run r : new Run[] {created, updated, fromLines, list}) {
      assertThat(r.out() + r.err()).doesNotContain("s3cr3t").doesNotContain("postgres://x");
    }
    assertThat(
            gateway
                .requests("POST", "/api/v1/teams/payments/environments/dev/secrets")
                .get(0)
                .body())
        .contains("\"password\" : \"s3cr3t-value\"");
    assertThat(list.out()).contains("db    password  3        every 30d");
  }

  @Test
  void aMalformedLiteralIsRefusedWithoutEchoingIt() {
    signIn();

    Run set = run("", "secret", "set", "db", "--from-literal", "no-equals-sign-secret");

    assertThat(set.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(set.err()).doesNotContain("no-equals-sign-secret");
  }

  @Test
  void auditPagesThroughEveryRecord() {
    signIn();

    Run audit = run("", "audit", "--operation", "op-7");

    assertThat(audit.exit()).isZero();
    assertThat(audit.out())
        .contains("deploy.requested.v1")
        .contains("deploy.completed.v1")
        .contains("payments/dev");
    assertThat(gateway.requests("GET", "/api/v1/audit").get(0).query())
        .isEqualTo("operationId=op-7");
  }

  @Test
  void auditFollowPrintsEachRecordOnceAsJsonLines() {
    signIn();
    int[] polls = {0};

    Run audit =
        run(
            "",
            d -> {
              if (++polls[0] > 2) {
                throw new InterruptedException();
              }
            },
            "audit",
            "--follow",
            "-o",
            "json");

    assertThat(audit.exit()).as(audit.err()).isZero();
    // The fake answers the same two records to every poll: each is printed once.
    assertThat(audit.out().lines()).hasSize(2);
    assertThat(audit.out().lines().map(Json::parse).map(n -> n.path("seq").asInt()))
        .containsExactly(1, 2);
    var polled = gateway.requests("GET", "/api/v1/audit");
    assertThat(polled.get(polled.size() - 1).query()).contains("since=2026-11-25T09%3A58%3A02Z");
  }

  @Test
  void opsStatusExitsWithTheOperationsOutcome() throws Exception {
    signIn();
    Path app = spec("app.json", "{\"name\":\"broken\",\"image\":\"x\"}");
    String id =
        Json.parse(run("", "deploy", "-f", app.toString(), "--no-wait", "-o", "json").out())
            .path("operationId")
            .asText();

    Run status = run("", "ops", "status", id);
    Run unknown = run("", "ops", "status", "00000000-0000-0000-0000-000000000000");

    assertThat(status.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(status.out()).contains("State         FAILED").contains("Errors:");
    assertThat(unknown.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void aTechLeadListsApprovesAndFollowsTheReleasedOperation() {
    gateway.approvalsRoutes = true;
    Run login = run(FakeGateway.PASSWORD + "\n", "login", "--password", "-u", "bob");
    assertThat(login.exit()).isZero();
    String id = "5d1c9a7e-0000-4000-8000-000000000001";

    Run list = run("", "approvals");
    Run approve = run("", "approve", id, "--reason", "plan reviewed", "--wait");
    Run reject = run("", "reject", id, "-o", "json");
    Run unknown = run("", "approve", "00000000-0000-0000-0000-000000000000");

    assertThat(list.out()).contains(id).contains("deploy").contains("payments/production/hello");
    assertThat(approve.exit()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("payments/production/hello: SUCCEEDED");
    assertThat(
            Json.parse(
                    gateway.requests("POST", "/api/v1/approvals/" + id + "/approve").get(0).body())
                .path("reason")
                .asText())
        .isEqualTo("plan reviewed");
    assertThat(reject.exit()).isZero();
    assertThat(Json.parse(reject.out()).path("state").asText()).isEqualTo("REJECTED");
    assertThat(unknown.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void approvalsOnAGatewayWithoutTheirRoutesExitThree() {
    gateway.approvalsRoutes = false;
    signIn();

    for (String[] args : new String[][] {{"approvals"}, {"approve", "x"}, {"reject", "x"}}) {
      Run r = run("", args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.NOT_AVAILABLE);
      assertThat(r.err()).contains("not available yet");
    }
  }

  @Test
  void logsPrintTheMergedLinesAndFollowPrintsEachAsItComes() {
    signIn();

    Run logs = run("", "logs", "hello", "--team", "payments", "--tail", "5", "--grep", "start");
    Run follow = run("", "logs", "hello", "-f", "--team", "payments", "-o", "json");

    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.out()).isEqualTo("hello-1/hello started\n");
    assertThat(gateway.requests("GET", "/api/v1/teams/payments/environments/dev/apps/hello/logs"))
        .anySatisfy(r -> assertThat(r.query()).isEqualTo("tail=5&grep=start"));
    assertThat(follow.exit()).as(follow.err()).isZero();
    assertThat(follow.out().lines().map(l -> Json.parse(l).path("message").asText()))
        .containsExactly("started", "ready");
  }

  @Test
  void costsOfAPastMonthAskForThatMonthAndShowATable() {
    signIn();

    Run costs = run("", "costs", "--month", "2026-10", "--by", "app", "--team", "payments");

    assertThat(costs.exit()).as(costs.err()).isZero();
    assertThat(gateway.requests("GET", "/api/v1/teams/payments/costs"))
        .anySatisfy(
            r -> assertThat(r.query()).isEqualTo("from=2026-10-01&to=2026-10-31&groupBy=app"));
    assertThat(costs.out())
        .contains(
            "(environment)", "hello", "10.5", "Total payments, 2026-10-01 to 2026-10-31: 1.25 USD");
    assertThat(run("", "costs", "--by", "week").exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
    gateway.expireNextToken = true;
    signIn();

    Run list = run("", "env", "list", "--team", "payments");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(gateway.requests("GET", "/api/v1/teams/payments/environments")).hasSize(2);
    // The fresh token was kept: the next command needs no refresh.
    assertThat(run("", "env", "list").exit()).isZero();
    assertThat(gateway.requests("GET", "/api/v1/teams/payments/environments")).hasSize(3);
  }

  @Test
  void anUnreachableGatewayExitsSix() {
    signIn();
    gateway.close();

    Run list = run("", "env", "list");

    assertThat(list.exit()).isEqualTo(ExitCode.SERVER);
    assertThat(list.err()).contains("Cannot reach the gateway");
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(run("", "deploy").exit()).isEqualTo(ExitCode.USAGE);
    assertThat(run("", "env", "list", "-o", "xml").exit()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void theShadedJarRunsAndPrintsABashCompletionScript() throws Exception {
    Path jar = Path.of("target/slipway-cli.jar");
    assertThat(jar).exists();
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "completion",
                "bash")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(output).contains("complete -F").contains("slipway-cli").contains("deploy");
  }
}
