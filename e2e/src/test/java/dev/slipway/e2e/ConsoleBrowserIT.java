package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testkit.oidc.TestOidcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's console in a real browser: Debian's chromium, driven by playwright-core from {@code
 * web/browser/console-flow.mjs}, against the services as processes, signing in through the test
 * OIDC provider's login page (authorization code + PKCE). The script clicks through the flow; this
 * test then checks through the API that what the browser showed really happened: the app's
 * Kubernetes events and logs as the gateway answers them, the plan in the approval, the deploys.
 */
class ConsoleBrowserIT {

  private static final String JSON = "application/json";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  // Its own team, so the environments of DeploySliceIT (same JVM, same databases) do not collide.
  private static final String TEAM = "shop";

  private static Platform platform;
  private static Api admin;

  @BeforeAll
  static void platform() throws Exception {
    assertThat(CHROMIUM)
        .as("chromium is missing: ./slipway test installs it (apt-get install -y chromium)")
        .isExecutable();
    platform =
        Platform.start(
            Platform.repoRoot(),
            Files.createTempDirectory("slipway-console-e2e"),
            List.of(
                "api-gateway",
                "deploy-service",
                "environment-service",
                "secret-service",
                "cost-service",
                "audit-service"));
    admin = new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
    for (String[] environment :
        new String[][] {{"dev", "development"}, {"production", "production"}}) {
      var created =
          admin.post(
              "/api/v1/teams/" + TEAM + "/environments",
              JSON,
              "{\"name\":\"%s\",\"kind\":\"%s\"}".formatted(environment[0], environment[1]));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
      List<JsonNode> states =
          admin.followOperation(
              created.body().path("operationId").asText(), Duration.ofSeconds(90));
      assertThat(states.get(states.size() - 1).path("state").asText()).isEqualTo("SUCCEEDED");
    }
    warmUp();
  }

  /**
   * A plan changes nothing; the first one in a cold deploy-service (schemas, the API server's dry
   * run) can outlast the gateway's upstream timeout on a loaded machine. The browser flow measures
   * the console, not the first request of a JVM.
   */
  private static void warmUp() {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                admin
                        .post(
                            "/api/v1/teams/" + TEAM + "/environments/dev/apps/warm-up/plan",
                            JSON,
                            "{\"name\":\"warm-up\",\"image\":\"nginx:1.27\",\"port\":8080}")
                        .status()
                    == 200);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void developerDeploysClonesAndRequestsProductionTechLeadApproves() throws Exception {
    String password = UUID.randomUUID().toString();
    TestOidcServer oidc = TestOidcServer.shared();
    oidc.registerUser("dana", password, List.of("/teams/" + TEAM + "/developer"));
    oidc.registerUser("lee", password, List.of("/teams/" + TEAM + "/tech-lead"));
    Path root = Platform.repoRoot();
    Path log = root.resolve("e2e/target/console-flow.log");
    Path shown = root.resolve("e2e/target/console-flow-shown.json");
    Files.deleteIfExists(shown);
    Files.createDirectories(log.getParent());

    ProcessBuilder node =
        new ProcessBuilder("node", root.resolve("web/browser/console-flow.mjs").toString())
            .directory(root.resolve("web").toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    node.environment().put("SLIPWAY_URL", platform.gatewayUrl());
    node.environment().put("SLIPWAY_TEAM", TEAM);
    node.environment().put("SLIPWAY_DEVELOPER", "dana");
    node.environment().put("SLIPWAY_TECH_LEAD", "lee");
    node.environment().put("SLIPWAY_PASSWORD", password);
    node.environment().put("SLIPWAY_CHROMIUM", CHROMIUM.toString());
    node.environment().put("SLIPWAY_RESULT", shown.toString());
    node.environment()
        .put("SLIPWAY_SCREENSHOTS", root.resolve("e2e/target/console-screenshots").toString());
    Process flow = node.start();
    boolean ended = flow.waitFor(8, TimeUnit.MINUTES);
    if (!ended) {
      flow.descendants().forEach(ProcessHandle::destroyForcibly);
      flow.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(ended).as("the browser flow did not end in 8 minutes:\n" + output).isTrue();
    assertThat(flow.exitValue()).as(output).isZero();

    // What the browser showed, through the API.
    Api lee =
        new Api(platform.gatewayUrl(), oidc.token("lee", List.of("/teams/" + TEAM + "/tech-lead")));
    var dev = lee.get("/api/v1/teams/" + TEAM + "/environments/dev/apps/hello");
    assertThat(dev.status()).isEqualTo(200);
    var production = lee.get("/api/v1/teams/" + TEAM + "/environments/production/apps/hello");
    assertThat(production.status()).as(production.raw().body()).isEqualTo(200);
    assertThat(production.body().path("revision").asInt()).isEqualTo(1);
    var revisions =
        lee.get("/api/v1/teams/" + TEAM + "/environments/production/apps/hello/revisions");
    assertThat(revisions.body().get(0).path("requestedBy").asText()).isEqualTo("dana");
    List<String> environments = new ArrayList<>();
    lee.get("/api/v1/teams/" + TEAM + "/environments")
        .body()
        .forEach(e -> environments.add(e.path("name").asText()));
    assertThat(environments).contains("dev", "dev-copy", "production");
    // The clone's copies of the apps are deployed after the clone itself succeeded.
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(
                        lee.get("/api/v1/teams/" + TEAM + "/environments/dev-copy/apps/hello")
                            .status())
                    .isEqualTo(200));
    assertThat(lee.get("/api/v1/approvals").body()).isEmpty();

    JsonNode browser = new ObjectMapper().readTree(shown.toFile());
    Api dana =
        new Api(
            platform.gatewayUrl(), oidc.token("dana", List.of("/teams/" + TEAM + "/developer")));
    String app = "/api/v1/teams/" + TEAM + "/environments/dev/apps/hello";
    developerSawTheAppsEventsAndLogs(browser, dana.get(app + "/events"), dana.get(app + "/logs"));
    assertThat(browser.path("approvalPlan").toString())
        .as("the tech lead saw the plan of the held deploy")
        .contains("Deployment/hello");
    assertThat(browser.path("approvalDiff").asText()).contains("nginxinc/nginx-unprivileged:1.27");
  }

  /** The events the browser listed are the app's, and the logs are what the gateway answers. */
  private static void developerSawTheAppsEventsAndLogs(
      JsonNode browser, Api.Answer events, Api.Answer logs) {
    assertThat(events.status()).isEqualTo(200);
    List<String> known = new ArrayList<>();
    events
        .body()
        .path("items")
        .forEach(e -> known.add(e.path("reason").asText() + " " + e.path("object").asText()));
    List<String> seen = new ArrayList<>();
    browser
        .path("events")
        .forEach(e -> seen.add(e.path("reason").asText() + " " + e.path("object").asText()));
    assertThat(seen).as("events shown in the browser").isNotEmpty();
    assertThat(known).containsAll(seen);
    assertThat(seen).allSatisfy(e -> assertThat(e).containsAnyOf("/hello"));

    JsonNode shownLogs = browser.path("logs");
    if (logs.status() == 200 && !logs.body().path("lines").isEmpty()) {
      assertThat(shownLogs.path("lines")).as("log lines shown in the browser").isNotEmpty();
      assertThat(shownLogs.path("followed").asInt()).as("lines of the live tail").isPositive();
      String first = logs.body().path("lines").get(0).path("message").asText();
      assertThat(shownLogs.path("lines").toString()).contains(first);
    } else if (logs.status() == 200) {
      assertThat(shownLogs.path("lines")).isEmpty();
    } else {
      // The cluster serves no logs (kwok without its logs support): the console says why.
      assertThat(shownLogs.path("problem").asText())
          .as("the reason shown for no logs (the gateway answered %s)", logs.status())
          .isNotBlank();
    }
  }
}
