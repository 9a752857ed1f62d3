package dev.slipway.reliability;

import java.time.Duration;

/**
 * What the load starts from: team payments' dev and production environments, and a seed environment
 * with one app and one secret for the clones to copy.
 */
final class Setup {

  private static final String ENVIRONMENTS = "/api/v1/teams/" + Workload.TEAM + "/environments";
  private static final Duration WAIT = Duration.ofMinutes(2);

  private Setup() {}

  static void environments(GatewayClient techLead, GatewayClient developer)
      throws InterruptedException {
    for (String[] env :
        new String[][] {
          {Workload.DEV, "development"},
          {Workload.PRODUCTION, "production"},
          {Workload.SEED, "development"}
        }) {
      succeed(
          techLead,
          techLead.post(ENVIRONMENTS, "{\"name\":\"" + env[0] + "\",\"kind\":\"" + env[1] + "\"}"),
          "create environment " + env[0]);
    }
    succeed(
        developer,
        developer.post(
            ENVIRONMENTS + "/" + Workload.SEED + "/apps", Workload.appSpec("seed-app", 0)),
        "deploy seed-app");
    String secret = "{\"name\":\"seed-secret\",\"values\":{\"token\":\"seed\"}}";
    String path = ENVIRONMENTS + "/" + Workload.SEED + "/secrets";
    long deadline = System.nanoTime() + WAIT.toNanos();
    var created = developer.post(path, secret);
    // A cold secret-service may miss the gateway's timeout; the setup is not under test.
    while (created.status() != 201 && created.status() != 409 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      created = developer.post(path, secret);
    }
    if (created.status() != 201 && created.status() != 409) {
      throw new IllegalStateException(
          "create seed-secret: " + created.status() + " " + created.text());
    }
  }

  private static void succeed(GatewayClient client, GatewayClient.Reply reply, String what)
      throws InterruptedException {
    if (reply.status() != 202) {
      throw new IllegalStateException(what + ": " + reply.status() + " " + reply.text());
    }
    String id = reply.body().path("operationId").asText();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var op = client.get("/api/v1/operations/" + id);
      String state = op.status() == 200 ? op.body().path("state").asText() : "";
      if (state.equals("SUCCEEDED")) {
        return;
      }
      if (state.equals("FAILED") || state.equals("REJECTED")) {
        throw new IllegalStateException(what + " ended " + state + ": " + op.text());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(what + " did not succeed within " + WAIT);
  }
}
