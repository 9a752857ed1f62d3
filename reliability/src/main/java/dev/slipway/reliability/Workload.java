package dev.slipway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mixed operations of the load, each as a developer or tech lead of team payments would ask for
 * it. An operation that needs an earlier one to have happened (a rollback needs a revision, a
 * delete an environment) falls back to a deploy until it has: the load never asks for something
 * that must fail.
 */
public final class Workload {

  static final String TEAM = "payments";
  static final String DEV = "dev";
  static final String PRODUCTION = "production";

  /** Cloned by the load: one app and one secret, so that a clone is small but not empty. */
  static final String SEED = "seed";

  private static final String ENVIRONMENTS = "/api/v1/teams/" + TEAM + "/environments";
  private static final List<String> APPS = List.of("app-a", "app-b", "app-c", "app-d", "app-e");
  private static final List<String> PRODUCTION_APPS = List.of("web-a", "web-b");
  // Out of 20: the share of each operation in the mix.
  private static final OperationType[] MIX = {
    OperationType.DEPLOY,
    OperationType.DEPLOY,
    OperationType.DEPLOY,
    OperationType.DEPLOY,
    OperationType.DEPLOY,
    OperationType.ROLLBACK,
    OperationType.ROLLBACK,
    OperationType.ENV_CREATE,
    OperationType.ENV_CREATE,
    OperationType.ENV_CLONE,
    OperationType.ENV_DELETE,
    OperationType.ENV_DELETE,
    OperationType.SECRET_CREATE,
    OperationType.SECRET_CREATE,
    OperationType.SECRET_ROTATE,
    OperationType.SECRET_ROTATE,
    OperationType.SECRET_ROTATE,
    OperationType.APPROVED_DEPLOY,
    OperationType.APPROVED_DEPLOY,
    OperationType.DEPLOY
  };

  private final GatewayClient developer;
  private final GatewayClient techLead;
  private final String runId;
  private final AtomicLong sequence = new AtomicLong();
  private final Set<String> appsWithRevision = ConcurrentHashMap.newKeySet();
  private final Map<String, String> firstDeployOfApp = new ConcurrentHashMap<>();
  private final Queue<Pending> environmentsCreated = new ConcurrentLinkedQueue<>();
  private final Queue<String> secrets = new ConcurrentLinkedQueue<>();
  private final Queue<SecretChange> unansweredSecretChanges = new ConcurrentLinkedQueue<>();

  /** Production deploys accepted whose approval did not go through yet: operation → approval. */
  private final Map<String, String> approvalsToRetry = new ConcurrentHashMap<>();

  private record Pending(String name, String operationId) {}

  public Workload(GatewayClient developer, GatewayClient techLead, String runId) {
    this.developer = developer;
    this.techLead = techLead;
    this.runId = runId;
  }

  static Set<String> apps() {
    return Set.copyOf(APPS);
  }

  static Set<String> productionApps() {
    return Set.copyOf(PRODUCTION_APPS);
  }

  /** The n-th operation of the mix. */
  public static OperationType typeOf(long n) {
    return MIX[(int) Math.floorMod(n, (long) MIX.length)];
  }

  /** Runs the next operation of the mix and answers what the gateway said. */
  public Attempt next(String phase) {
    long n = sequence.getAndIncrement();
    return run(typeOf(n), n, phase);
  }

  private Attempt run(OperationType type, long n, String phase) {
    return switch (type) {
      case DEPLOY -> deploy(APPS.get((int) (n % APPS.size())), n, phase);
      case ROLLBACK -> rollback(n, phase);
      case ENV_CREATE -> createEnvironment(n, phase);
      case ENV_CLONE -> cloneEnvironment(n, phase);
      case ENV_DELETE -> deleteEnvironment(n, phase);
      case SECRET_CREATE -> createSecret(n, phase);
      case SECRET_ROTATE -> rotateSecret(n, phase);
      case APPROVED_DEPLOY -> approvedDeploy(n, phase);
    };
  }

  private Attempt deploy(String app, long n, String phase) {
    var reply = developer.post(appsPath(DEV), appSpec(app, n));
    Attempt attempt = attempt(OperationType.DEPLOY, phase, reply, app);
    if (attempt.async()) {
      firstDeployOfApp.putIfAbsent(app, attempt.operationId());
    }
    return attempt;
  }

  private Attempt rollback(long n, String phase) {
    String app = APPS.get((int) (n % APPS.size()));
    if (!hasRevision(app)) {
      return deploy(app, n, phase);
    }
    var reply = developer.post(appsPath(DEV) + "/" + app + "/rollback", "{\"revision\":1}");
    return attempt(OperationType.ROLLBACK, phase, reply, app);
  }

  private boolean hasRevision(String app) {
    if (appsWithRevision.contains(app)) {
      return true;
    }
    String first = firstDeployOfApp.get(app);
    if (first != null && "SUCCEEDED".equals(state(first))) {
      appsWithRevision.add(app);
      return true;
    }
    return false;
  }

  private Attempt createEnvironment(long n, String phase) {
    String name = "e" + runId + "-" + n;
    var reply =
        developer.post(ENVIRONMENTS, "{\"name\":\"" + name + "\",\"kind\":\"development\"}");
    Attempt attempt = attempt(OperationType.ENV_CREATE, phase, reply, name);
    if (attempt.async()) {
      environmentsCreated.add(new Pending(name, attempt.operationId()));
    }
    return attempt;
  }

  private Attempt cloneEnvironment(long n, String phase) {
    String name = "c" + runId + "-" + n;
    var reply =
        developer.post(
            ENVIRONMENTS + "/" + SEED + "/clone",
            "{\"name\":\"" + name + "\",\"kind\":\"development\"}");
    return attempt(OperationType.ENV_CLONE, phase, reply, name);
  }

  private Attempt deleteEnvironment(long n, String phase) {
    Pending oldest = environmentsCreated.peek();
    if (oldest == null || !"SUCCEEDED".equals(state(oldest.operationId()))) {
      return deploy(APPS.get((int) (n % APPS.size())), n, phase);
    }
    if (!environmentsCreated.remove(oldest)) {
      return deploy(APPS.get((int) (n % APPS.size())), n, phase);
    }
    var reply = developer.delete(ENVIRONMENTS + "/" + oldest.name());
    return attempt(OperationType.ENV_DELETE, phase, reply, oldest.name());
  }

  private Attempt createSecret(long n, String phase) {
    String name = "s" + runId + "-" + n;
    var reply =
        secretChange(
            name,
            secretsPath(),
            "{\"name\":\"" + name + "\",\"values\":{\"password\":\"pw-" + n + "-" + runId + "\"}}");
    Attempt attempt = attempt(OperationType.SECRET_CREATE, phase, reply, name);
    if (reply.status() == 201 || reply.status() == 200) {
      secrets.add(name);
    }
    return attempt;
  }

  private Attempt rotateSecret(long n, String phase) {
    String name = secrets.poll();
    if (name == null) {
      return createSecret(n, phase);
    }
    var reply = secretChange(name, secretsPath() + "/" + name + "/rotate", null);
    secrets.add(name);
    return attempt(OperationType.SECRET_ROTATE, phase, reply, name);
  }

  /** A secret change sent with an Idempotency-Key; kept to be sent again if its answer was lost. */
  public record SecretChange(String secret, String path, String body, String key) {}

  private GatewayClient.Reply secretChange(String secret, String path, String body) {
    var change = new SecretChange(secret, path, body, UUID.randomUUID().toString());
    var reply = developer.post(path, body, change.key());
    if (reply.status() == 504 || reply.status() == 0) {
      unansweredSecretChanges.add(change);
    }
    return reply;
  }

  /** The secret changes whose answer was lost (a 504 or none): only a resend can tell. */
  public List<SecretChange> unansweredSecretChanges() {
    return List.copyOf(unansweredSecretChanges);
  }

  /**
   * A developer's production deploy: plan, deploy bound to the plan (held for approval), and a tech
   * lead's approval. Its latency is the deploy's; an approval that could not be given now is given
   * after the faults.
   */
  private Attempt approvedDeploy(long n, String phase) {
    String app = PRODUCTION_APPS.get((int) (n % PRODUCTION_APPS.size()));
    String spec = appSpec(app, n);
    var plan = developer.post(appsPath(PRODUCTION) + "/" + app + "/plan", spec);
    if (plan.status() != 200) {
      return attempt(OperationType.APPROVED_DEPLOY, phase, plan, app);
    }
    String hash = plan.body().path("planHash").asText();
    var reply = developer.post(appsPath(PRODUCTION) + "?planHash=" + hash, spec);
    Attempt attempt = attempt(OperationType.APPROVED_DEPLOY, phase, reply, app);
    if (attempt.async()) {
      approve(attempt.operationId());
    }
    return attempt;
  }

  private void approve(String operationId) {
    var op = developer.get("/api/v1/operations/" + operationId);
    String approvalId =
        op.status() == 200 ? op.body().path("result").path("approvalId").asText(null) : null;
    if (approvalId == null) {
      approvalsToRetry.put(operationId, "");
      return;
    }
    var decided = techLead.post("/api/v1/approvals/" + approvalId + "/approve", "{}");
    if (decided.status() != 200) {
      approvalsToRetry.put(operationId, approvalId);
    } else {
      approvalsToRetry.remove(operationId);
    }
  }

  /** Gives the approvals that a fault kept from being given; answers how many are still open. */
  public int retryApprovals() {
    for (String operationId : List.copyOf(approvalsToRetry.keySet())) {
      approve(operationId);
    }
    return approvalsToRetry.size();
  }

  private String state(String operationId) {
    var reply = developer.get("/api/v1/operations/" + operationId);
    return reply.status() == 200 ? reply.body().path("state").asText() : null;
  }

  private static String appsPath(String env) {
    return ENVIRONMENTS + "/" + env + "/apps";
  }

  private static String secretsPath() {
    return ENVIRONMENTS + "/" + DEV + "/secrets";
  }

  /** A different image tag each time: every deploy is a real change with a revision of its own. */
  static String appSpec(String app, long n) {
    return "{\"name\":\""
        + app
        + "\",\"image\":\"nginxinc/nginx-unprivileged:1."
        + n
        + "\",\"port\":8080}";
  }

  static Attempt attempt(
      OperationType type, String phase, GatewayClient.Reply reply, String target) {
    JsonNode body = reply.body();
    String operationId =
        reply.status() == 202 && body != null ? body.path("operationId").asText(null) : null;
    return new Attempt(
        type,
        phase,
        System.currentTimeMillis() - reply.latencyMillis(),
        reply.latencyMillis(),
        reply.status(),
        reply.contentType(),
        reply.retryAfter(),
        reply.problemType(),
        operationId,
        target,
        reply.error() != null
            ? reply.error()
            : reply.status() >= 400 && body != null ? body.path("detail").asText(null) : null);
  }
}
