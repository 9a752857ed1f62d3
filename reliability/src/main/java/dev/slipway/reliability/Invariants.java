package dev.slipway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What must hold after a run, whatever broke during it (issue 11): every accepted operation ends,
 * nothing happens twice, a refusal is a 503 with Retry-After and never a 500 or a hang, the audit
 * trail is complete and its chain verifies, and the dead-letter topic holds exactly the poison.
 * Collects every violation rather than stopping at the first.
 */
public final class Invariants {

  /** Past the gateway's own upstream timeout (10 s) with room for a loaded machine. */
  static final Duration HANG = Duration.ofSeconds(20);

  private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "REJECTED");
  private static final Set<OperationType> DEPLOYS =
      Set.of(OperationType.DEPLOY, OperationType.ROLLBACK, OperationType.APPROVED_DEPLOY);

  private final FaultPlatform platform;
  private final GatewayClient developer;
  private final GatewayClient admin;
  private final List<String> violations = new ArrayList<>();
  private final Map<String, String> finalStates = new LinkedHashMap<>();
  private final Set<String> duplicatedOperations = new HashSet<>();

  public Invariants(FaultPlatform platform, GatewayClient developer, GatewayClient admin) {
    this.platform = platform;
    this.developer = developer;
    this.admin = admin;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The last state of each accepted operation, by operation id. */
  public Map<String, String> finalStates() {
    return Map.copyOf(finalStates);
  }

  public Set<String> duplicatedOperations() {
    return Set.copyOf(duplicatedOperations);
  }

  /**
   * Refused or accepted, never a 500, a problem without Retry-After, or a hang. {@code noAnswer}
   * says in which attempts no answer is allowed (those to a gateway that was being killed).
   */
  public void answers(List<Attempt> attempts, Predicate<Attempt> noAnswerAllowed) {
    for (Attempt a : attempts) {
      String what = a.type().label() + " " + a.target() + " in '" + a.phase() + "'";
      if (a.noAnswer() && !noAnswerAllowed.test(a)) {
        violations.add(what + ": no answer (" + a.error() + ") after " + a.latencyMillis() + " ms");
      } else if (a.unavailable()) {
        if (a.retryAfter() == null
            || a.contentType() == null
            || !a.contentType().startsWith("application/problem+json")) {
          violations.add(
              what
                  + ": "
                  + a.status()
                  + " without problem+json and Retry-After ("
                  + a.contentType()
                  + ", Retry-After "
                  + a.retryAfter()
                  + ")");
        }
      } else if (a.status() >= 400) {
        violations.add(
            what + ": answered " + a.status() + " " + a.problemType() + ": " + a.error());
      }
      if (a.latencyMillis() > HANG.toMillis()) {
        violations.add(what + ": answered after " + a.latencyMillis() + " ms (a hang)");
      }
    }
  }

  /** accepted − terminal = 0: waits up to {@code bound} for every accepted operation to end. */
  public void everyAcceptedOperationEnds(List<Attempt> attempts, Duration bound)
      throws InterruptedException {
    Set<String> open = new HashSet<>();
    attempts.stream().filter(Attempt::async).forEach(a -> open.add(a.operationId()));
    long deadline = System.nanoTime() + bound.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (String id : List.copyOf(open)) {
        var reply = developer.get("/api/v1/operations/" + id);
        if (reply.status() == 200) {
          String state = reply.body().path("state").asText();
          finalStates.put(id, state);
          if (isTerminal(state)) {
            open.remove(id);
            if (!"SUCCEEDED".equals(state) && reply.body().path("detail").asText("").isBlank()) {
              violations.add("operation " + id + " ended " + state + " without a reason");
            }
          }
        }
      }
      if (!open.isEmpty()) {
        Thread.sleep(2000);
      }
    }
    for (String id : open) {
      violations.add(
          "operation " + id + " still " + finalStates.get(id) + " " + bound + " after the faults");
    }
  }

  /**
   * Each succeeded deploy or rollback made exactly one revision, and no other operation made one;
   * the Deployment carries the last revision's image, at exactly the generation that the image
   * changes of its revisions, deploy-service's recorded restores and its autoscaler explain.
   */
  public void everyDeployHasOneRevision(List<Attempt> attempts, String env, Set<String> apps)
      throws SQLException {
    Map<String, Set<String>> succeededByApp = new HashMap<>();
    for (Attempt a : attempts) {
      boolean inEnv =
          a.type() == OperationType.APPROVED_DEPLOY
              ? env.equals(Workload.PRODUCTION)
              : env.equals(Workload.DEV) && DEPLOYS.contains(a.type());
      if (inEnv && a.async() && "SUCCEEDED".equals(finalStates.get(a.operationId()))) {
        succeededByApp.computeIfAbsent(a.target(), k -> new HashSet<>()).add(a.operationId());
      }
    }
    var cluster = LocalKubernetes.shared().adminClient();
    for (String app : apps) {
      var reply =
          developer.get(
              "/api/v1/teams/"
                  + Workload.TEAM
                  + "/environments/"
                  + env
                  + "/apps/"
                  + app
                  + "/revisions");
      Set<String> expected = succeededByApp.getOrDefault(app, Set.of());
      if (reply.status() == 404 && expected.isEmpty()) {
        continue;
      }
      if (reply.status() != 200) {
        violations.add("revisions of " + env + "/" + app + ": answered " + reply.status());
        continue;
      }
      Map<String, Integer> byOperation = new HashMap<>();
      List<String> images = new ArrayList<>();
      List<JsonNode> revisions = new ArrayList<>();
      reply.body().forEach(revisions::add);
      revisions.sort(java.util.Comparator.comparingInt(r -> r.path("number").asInt()));
      for (JsonNode revision : revisions) {
        byOperation.merge(revision.path("operationId").asText(), 1, Integer::sum);
        images.add(revision.path("image").asText());
      }
      byOperation.forEach(
          (op, count) -> {
            if (count > 1) {
              duplicatedOperations.add(op);
              violations.add(
                  env + "/" + app + ": operation " + op + " made " + count + " revisions");
            }
          });
      if (!byOperation.keySet().equals(expected)) {
        Set<String> extra = new HashSet<>(byOperation.keySet());
        extra.removeAll(expected);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(byOperation.keySet());
        violations.add(
            env
                + "/"
                + app
                + ": revisions without a succeeded operation "
                + extra
                + ", succeeded operations without a revision "
                + missing);
      }
      if (!images.isEmpty()) {
        var deployment =
            cluster.apps().deployments().inNamespace(Workload.TEAM + "-" + env).withName(app).get();
        if (deployment == null) {
          violations.add(env + "/" + app + ": no Deployment for " + images.size() + " revisions");
          continue;
        }
        String image =
            deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        if (!image.equals(images.get(images.size() - 1))) {
          violations.add(
              env
                  + "/"
                  + app
                  + ": the Deployment runs "
                  + image
                  + ", the last revision is "
                  + images.get(images.size() - 1));
        }
        long changes = 1;
        for (int i = 1; i < images.size(); i++) {
          if (!images.get(i).equals(images.get(i - 1))) {
            changes++;
          }
        }
        String namespace = Workload.TEAM + "-" + env;
        long restored = generationsLeftByRestores(namespace, app);
        long rescaled = autoscalerRescales(namespace, app);
        long generation = deployment.getMetadata().getGeneration();
        if (generation != changes + restored + rescaled) {
          violations.add(
              env
                  + "/"
                  + app
                  + ": Deployment generation "
                  + generation
                  + ", but its "
                  + images.size()
                  + " revisions changed the template "
                  + changes
                  + " times, deploy-service's recorded restores explain "
                  + restored
                  + " more and its autoscaler's rescales "
                  + rescaled);
        }
      }
    }
  }

  /**
   * How often the app's HorizontalPodAutoscaler changed the Deployment's replicas (the golden path
   * web has one with 3 replicas at least, and Slipway leaves the count to it): each is a generation
   * of its own. Counted from the controller's {@code SuccessfulRescale} events.
   */
  private static long autoscalerRescales(String namespace, String app) {
    return LocalKubernetes.shared()
        .adminClient()
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .filter(e -> "SuccessfulRescale".equals(e.getReason()))
        .filter(e -> "HorizontalPodAutoscaler".equals(e.getInvolvedObject().getKind()))
        .filter(e -> app.equals(e.getInvolvedObject().getName()))
        .mapToLong(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }

  /**
   * The generations that deploy-service's restores (all or none, ADR 0004) left on a Deployment:
   * the change a restore undid and the restore itself, as deploy-service recorded them. A restore
   * that deleted the Deployment (its first apply failed) starts the count again.
   */
  private long generationsLeftByRestores(String namespace, String app) throws SQLException {
    long left = 0;
    try (Connection deploy = platform.database("deploy-service");
        var query =
            deploy.prepareStatement(
                "select generation_before, generation_after from apply_restore"
                    + " where namespace = ? and kind = 'Deployment' and name = ? order by id")) {
      query.setString(1, namespace);
      query.setString(2, app);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long before = rows.getLong(1);
          boolean existed = !rows.wasNull();
          long after = rows.getLong(2);
          if (rows.wasNull()) {
            left = 0;
          } else if (existed) {
            left += after - before;
          }
        }
      }
    }
    return left;
  }

  /**
   * Each secret has exactly one version per create or rotate of it that was accepted. A change
   * whose answer was lost (a 504 or none) is sent again now, with its Idempotency-Key, as a client
   * would: the answer must say it happened (the first answer again) or make it happen now, never
   * make it twice.
   */
  public void everySecretChangeHasOneVersion(
      List<Attempt> attempts, List<Workload.SecretChange> unanswered) {
    Map<String, Integer> expected = new HashMap<>();
    for (Attempt a : attempts) {
      if ((a.type() == OperationType.SECRET_CREATE || a.type() == OperationType.SECRET_ROTATE)
          && a.accepted()) {
        expected.merge(a.target(), 1, Integer::sum);
      }
    }
    for (Workload.SecretChange change : unanswered) {
      var resent = developer.post(change.path(), change.body(), change.key());
      if (resent.status() == 200 || resent.status() == 201) {
        expected.merge(change.secret(), 1, Integer::sum);
      } else {
        violations.add(
            "secret "
                + change.secret()
                + ": a change sent again with its Idempotency-Key answered "
                + resent.status()
                + " "
                + resent.problemType());
      }
    }
    expected.forEach(
        (name, count) -> {
          var reply =
              developer.get(
                  "/api/v1/teams/"
                      + Workload.TEAM
                      + "/environments/"
                      + Workload.DEV
                      + "/secrets/"
                      + name
                      + "/versions");
          if (reply.status() != 200) {
            violations.add("versions of secret " + name + ": answered " + reply.status());
          } else if (reply.body().size() != count) {
            violations.add(
                "secret "
                    + name
                    + " has "
                    + reply.body().size()
                    + " versions for "
                    + count
                    + " changes that happened");
          }
        });
  }

  /**
   * The audit log holds each event once, every operation's command and outcome, and its chain
   * verifies.
   */
  public void auditIsCompleteOnceAndVerifies(List<Attempt> attempts, Duration bound)
      throws Exception {
    Map<String, Attempt> ended = new HashMap<>();
    for (Attempt a : attempts) {
      if (a.async() && isTerminal(finalStates.get(a.operationId()))) {
        ended.put(a.operationId(), a);
      }
    }
    long deadline = System.nanoTime() + bound.toNanos();
    List<String> incomplete;
    do {
      incomplete = new ArrayList<>();
      Map<String, List<String>> trails = auditTrails();
      for (var entry : ended.entrySet()) {
        List<String> types = trails.getOrDefault(entry.getKey(), List.of());
        boolean command = types.stream().anyMatch(t -> t.endsWith("requested.v1"));
        long outcomes = types.stream().filter(Invariants::isOutcome).count();
        if (!command || outcomes == 0) {
          incomplete.add(entry.getKey() + " (" + entry.getValue().type().label() + ") " + types);
        }
        if (outcomes > 1) {
          duplicatedOperations.add(entry.getKey());
          violations.add(
              "operation " + entry.getKey() + " has " + outcomes + " outcomes: " + types);
        }
      }
      if (!incomplete.isEmpty()) {
        Thread.sleep(2000);
      }
    } while (!incomplete.isEmpty() && System.nanoTime() < deadline);
    incomplete.forEach(op -> violations.add("incomplete audit trail of " + op));

    try (Connection audit = platform.database("audit-service");
        ResultSet twice =
            audit
                .createStatement()
                .executeQuery(
                    "select event_id, count(*) from audit_record group by event_id having count(*) > 1")) {
      while (twice.next()) {
        violations.add(
            "audit recorded event " + twice.getString(1) + " " + twice.getLong(2) + " times");
      }
    }
    var verify = admin.get("/api/v1/audit/verify");
    if (verify.status() != 200 || !verify.body().path("ok").asBoolean()) {
      violations.add("the audit chain does not verify: " + verify.status() + " " + verify.text());
    }
  }

  static boolean isTerminal(String state) {
    return state != null && TERMINAL.contains(state);
  }

  /** Runs one check; a check that cannot run (a server did not answer) is a violation too. */
  public void check(String name, Check check) {
    try {
      check.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      violations.add(name + ": interrupted");
    } catch (Exception | AssertionError e) {
      violations.add(name + ": could not be checked: " + e);
    }
  }

  /** A check that may fail to run. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  private static boolean isOutcome(String type) {
    return type.endsWith(".completed.v1")
        || type.endsWith(".failed.v1")
        || type.endsWith(".created.v1")
        || type.endsWith(".cloned.v1")
        || type.endsWith(".deleted.v1")
        || type.equals("dev.slipway.approval.rejected.v1");
  }

  private Map<String, List<String>> auditTrails() throws SQLException {
    Map<String, List<String>> trails = new HashMap<>();
    try (Connection audit = platform.database("audit-service");
        ResultSet rows =
            audit
                .createStatement()
                .executeQuery(
                    "select operation_id, ce_type from audit_record where operation_id is not null"
                        + " order by seq")) {
      while (rows.next()) {
        trails.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    return trails;
  }

  /**
   * Every outbox row was published, and every command the gateway published was processed by its
   * consumer: the processed ids are exactly the deliveries.
   */
  public void everyCommandProcessedOnce() throws SQLException {
    for (String service : FaultPlatform.SERVICES) {
      try (Connection db = platform.database(service);
          ResultSet rows =
              db.createStatement()
                  .executeQuery("select count(*) from outbox_event where published_at is null")) {
        rows.next();
        if (rows.getLong(1) > 0) {
          violations.add(service + ": " + rows.getLong(1) + " outbox rows never published");
        }
      }
    }
    Map<String, Set<String>> commands = new HashMap<>();
    try (Connection gateway = platform.database("api-gateway");
        ResultSet rows =
            gateway
                .createStatement()
                .executeQuery(
                    "select ce_type, id::text from outbox_event where ce_type in ("
                        + "'dev.slipway.deploy.requested.v1',"
                        + " 'dev.slipway.deploy.rollback-requested.v1',"
                        + " 'dev.slipway.environment.requested.v1')")) {
      while (rows.next()) {
        commands.computeIfAbsent(rows.getString(1), k -> new HashSet<>()).add(rows.getString(2));
      }
    }
    Set<String> deploys = new HashSet<>();
    deploys.addAll(commands.getOrDefault("dev.slipway.deploy.requested.v1", Set.of()));
    deploys.addAll(commands.getOrDefault("dev.slipway.deploy.rollback-requested.v1", Set.of()));
    compareProcessed("deploy-service", "deploy-service.deploy-requested", deploys);
    compareProcessed(
        "environment-service",
        "environment-service.create",
        commands.getOrDefault("dev.slipway.environment.requested.v1", Set.of()));
  }

  private void compareProcessed(String service, String consumer, Set<String> published)
      throws SQLException {
    Set<String> processed = new HashSet<>();
    try (Connection db = platform.database(service);
        var query =
            db.prepareStatement("select event_id from processed_event where consumer = ?")) {
      query.setString(1, consumer);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          processed.add(rows.getString(1));
        }
      }
    }
    Set<String> lost = new HashSet<>(published);
    lost.removeAll(processed);
    if (!lost.isEmpty()) {
      violations.add(
          consumer + ": " + lost.size() + " published commands never processed: " + lost);
    }
  }

  /** The dead-letter topic holds the injected poison, each with its reason, and nothing else. */
  public void deadLettersAreExactlyThePoison(EventInjector injector) {
    Set<String> seen = new HashSet<>();
    for (var record : injector.deadLetters()) {
      var reason = record.headers().lastHeader("dead-letter-reason");
      if (!injector.poisonKeys().contains(record.key())) {
        violations.add(
            "dead letter that was not injected: key "
                + record.key()
                + ", reason "
                + (reason == null ? null : new String(reason.value())));
      } else if (reason == null || reason.value().length == 0) {
        violations.add("dead letter " + record.key() + " without a reason");
      }
      seen.add(record.key());
    }
    Set<String> missing = new HashSet<>(injector.poisonKeys());
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      violations.add("injected poison that never reached the dead-letter topic: " + missing);
    }
  }
}
