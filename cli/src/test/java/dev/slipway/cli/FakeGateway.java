package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The gateway's routes as the CLI uses them, answering in the real shapes (Accepted, OperationView,
 * problem+json, the plan, environment and secret views, audit pages, SSE), plus a small OIDC
 * provider (discovery, password grant, device flow, refresh) on the same port.
 */
final class FakeGateway implements AutoCloseable {

  static final String PASSWORD = "demo-pw";

  record Request(
      String method, String path, String query, String contentType, String body, String auth) {}

  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final Set<String> secrets = Collections.synchronizedSet(new HashSet<>());
  private final Map<String, String> operationOutcome = Collections.synchronizedMap(new HashMap<>());
  private final Map<String, String> operationTarget = Collections.synchronizedMap(new HashMap<>());
  private final Set<String> cutStreams = Collections.synchronizedSet(new HashSet<>());
  private final HttpServer server;
  private int devicePolls;
  private String deviceChallenge;
  volatile boolean expireNextToken;
  volatile boolean approvalsRoutes;

  FakeGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String issuer() {
    return url() + "/realms/slipway";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  List<Request> requests(String method, String pathPrefix) {
    synchronized (requests) {
      return requests.stream()
          .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
          .toList();
    }
  }

  static String token(String user, String... groups) {
    StringBuilder g = new StringBuilder();
    for (String group : groups) {
      g.append(g.length() == 0 ? "" : ",").append('"').append(group).append('"');
    }
    return CredentialsStoreTest.token(
        "{\"preferred_username\":\"" + user + "\",\"groups\":[" + g + "]}");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(
          new Request(
              method,
              path,
              query,
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body,
              auth));
      if (path.startsWith("/realms/slipway")) {
        oidc(exchange, path, body);
        return;
      }
      if (auth == null || !auth.startsWith("Bearer ") || auth.endsWith("expired")) {
        problem(exchange, 401, "Unauthenticated", "A valid bearer token is required.", null);
        return;
      }
      api(exchange, method, path, query, body);
    }
  }

  private void oidc(HttpExchange exchange, String path, String body) throws IOException {
    Map<String, String> form = form(body);
    switch (path) {
      case "/realms/slipway/.well-known/openid-configuration" ->
          json(
              exchange,
              200,
              "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/protocol/openid-connect/token\",\"device_authorization_endpoint\":\"%s/protocol/openid-connect/auth/device\"}"
                  .formatted(issuer(), issuer(), issuer()));
      case "/realms/slipway/protocol/openid-connect/auth/device" -> {
        // As Keycloak for a client that requires PKCE (S256): no challenge, no device code.
        if (!"S256".equals(form.get("code_challenge_method"))
            || form.get("code_challenge") == null) {
          json(
              exchange,
              400,
              "{\"error\":\"invalid_request\",\"error_description\":\"Missing parameter: code_challenge_method\"}");
          return;
        }
        deviceChallenge = form.get("code_challenge");
        json(
            exchange,
            200,
            "{\"device_code\":\"dc-1\",\"user_code\":\"WXYZ-1234\",\"verification_uri\":\"%s/device\",\"verification_uri_complete\":\"%s/device?user_code=WXYZ-1234\",\"expires_in\":600,\"interval\":5}"
                .formatted(issuer(), issuer()));
      }
      case "/realms/slipway/protocol/openid-connect/token" -> token(exchange, form);
      default -> json(exchange, 404, "{}");
    }
  }

  private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
    String grant = form.get("grant_type");
    if ("password".equals(grant)) {
      if (!PASSWORD.equals(form.get("password"))) {
        json(
            exchange,
            401,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
        return;
      }
      String user = form.get("username");
      issue(
          exchange,
          user,
          user.equals("bob") ? "/teams/payments/tech-lead" : "/teams/payments/developer");
    } else if (Oidc.DEVICE_GRANT.equals(grant)) {
      String verifier = form.getOrDefault("code_verifier", "");
      if (deviceChallenge == null || !deviceChallenge.equals(Pkce.s256(verifier))) {
        json(
            exchange,
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
      } else if (devicePolls++ < 1) {
        json(exchange, 400, "{\"error\":\"authorization_pending\"}");
      } else {
        issue(exchange, "alice", "/teams/payments/developer");
      }
    } else if ("refresh_token".equals(grant) && "refresh-1".equals(form.get("refresh_token"))) {
      issue(exchange, "alice", "/teams/payments/developer");
    } else {
      json(exchange, 400, "{\"error\":\"invalid_grant\"}");
    }
  }

  private void issue(HttpExchange exchange, String user, String group) throws IOException {
    String access = expireNextToken ? "expired" : token(user, group);
    expireNextToken = false;
    json(
        exchange,
        200,
        "{\"access_token\":\"%s\",\"refresh_token\":\"refresh-1\",\"expires_in\":300,\"refresh_expires_in\":1800,\"token_type\":\"Bearer\"}"
            .formatted(access));
  }

  private void api(HttpExchange exchange, String method, String path, String query, String body)
      throws IOException {
    String envs = "/api/v1/teams/payments/environments";
    if (path.startsWith("/api/v1/teams/") && !path.startsWith("/api/v1/teams/payments/")) {
      problem(exchange, 404, "Not found", "Team " + path.split("/")[4] + " does not exist.", null);
    } else if (method.equals("GET") && path.equals(envs)) {
      json(
          exchange,
          200,
          """
          [{"team":"payments","name":"dev","kind":"development","namespace":"payments-dev",
            "status":"READY","createdAt":"2026-11-24T10:00:00Z","apps":1,"age":"PT26H",
            "lastActivityAt":"2026-11-25T10:00:00Z","expiresAt":null,"clonedFrom":null},
           {"team":"payments","name":"production","kind":"production",
            "namespace":"payments-production","status":"READY","createdAt":"2026-11-24T10:00:00Z",
            "apps":0,"age":"PT26H","lastActivityAt":null,"expiresAt":null,"clonedFrom":null}]
          """);
    } else if (method.equals("POST") && path.equals(envs)) {
      JsonNode request = Json.parse(body);
      if (request.path("name").asText().equals("dev")) {
        problem(exchange, 409, "Conflict", "Environment payments/dev already exists.", null);
      } else {
        accepted(exchange, "SUCCEEDED", "payments/" + request.path("name").asText());
      }
    } else if (method.equals("POST") && path.equals(envs + "/dev/clone")) {
      accepted(exchange, "SUCCEEDED", "payments/" + Json.parse(body).path("name").asText());
    } else if (method.equals("DELETE") && path.startsWith(envs + "/")) {
      accepted(exchange, "SUCCEEDED", "payments/" + path.substring(envs.length() + 1));
    } else if (method.equals("POST") && path.equals(envs + "/dev/apps")) {
      deploy(exchange, body);
    } else if (method.equals("GET") && path.equals(envs + "/dev/apps")) {
      json(exchange, 200, "[" + APP + "]");
    } else if (method.equals("GET") && path.equals(envs + "/dev/apps/hello")) {
      json(exchange, 200, APP);
    } else if (method.equals("POST") && path.equals(envs + "/dev/apps/hello/rollback")) {
      accepted(exchange, "SUCCEEDED", "payments/dev/hello");
    } else if (method.equals("POST") && path.equals(envs + "/dev/apps/hello/plan")) {
      json(
          exchange,
          200,
          """
          {"goldenPath":"web@1","effectiveSpec":{},"manifests":[],
           "diff":[{"kind":"Deployment","name":"hello","action":"create",
                    "diff":"--- live\\n+++ planned\\n+kind: Deployment\\n"}],
           "guardRails":{"allowed":true,"violations":[]},
           "planHash":"%s"}
          """
              .formatted("a".repeat(64)));
    } else if (path.startsWith("/api/v1/operations/")) {
      operation(exchange, method, path);
    } else if (path.equals(envs + "/dev/secrets") && method.equals("POST")) {
      String name = Json.parse(body).path("name").asText();
      if (!secrets.add(name)) {
        problem(
            exchange, 409, "Conflict", "Secret " + name + " already exists; PUT changes it.", null);
      } else {
        json(exchange, 201, secretView(name, 1, Json.parse(body).path("values")));
      }
    } else if (path.startsWith(envs + "/dev/secrets/") && method.equals("PUT")) {
      String name = path.substring((envs + "/dev/secrets/").length());
      json(exchange, 200, secretView(name, 2, Json.parse(body).path("values")));
    } else if (path.equals(envs + "/dev/secrets") && method.equals("GET")) {
      json(exchange, 200, "[" + secretView("db", 3, Json.parse("{\"password\":\"\"}")) + "]");
    } else if (approvalsRoutes && path.startsWith("/api/v1/approvals")) {
      approvals(exchange, method, path);
    } else if (method.equals("GET") && path.equals(envs + "/dev/apps/hello/logs")) {
      json(exchange, 200, "{\"sources\":[\"hello-1/hello\"],\"lines\":[" + LOG_LINE + "]}");
    } else if (method.equals("GET") && path.equals(envs + "/dev/apps/hello/logs/follow")) {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (String line : List.of(LOG_LINE, LOG_LINE.replace("started", "ready"))) {
        out.write(("data:" + line.replace("\n", "") + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.close();
    } else if (method.equals("GET") && path.equals("/api/v1/teams/payments/costs")) {
      json(
          exchange,
          200,
          """
          {"team":"payments","from":"2026-10-01","to":"2026-10-31","groupBy":"app",
           "currency":"USD","total":1.25,"items":[
             {"environment":"dev","app":"","cpuCoreHours":0,"memoryGibHours":0,"amount":0.25},
             {"environment":"dev","app":"hello","cpuCoreHours":10.5,"memoryGibHours":21,
              "amount":1.0}]}
          """);
    } else if (path.equals("/api/v1/audit")) {
      audit(exchange, query);
    } else {
      problem(exchange, 404, "Not found", "Not found.", null);
    }
  }

  static final String LOG_LINE =
      """
      {"time":"2026-11-25T10:00:00Z","pod":"hello-1","container":"hello",
       "message":"started","line":"hello-1/hello started"}""";

  static final String APP =
      """
      {"team":"payments","environment":"dev","name":"hello","revision":2,"status":"DEPLOYED",
       "statusDetail":null,"goldenPath":"web@1","spec":{"name":"hello","image":"nginx:1.27"},
       "effectiveSpec":{"name":"hello","image":"nginx:1.27","replicas":3},
       "updatedAt":"2026-11-25T10:00:00Z"}
      """;

  private void deploy(HttpExchange exchange, String body) throws IOException {
    if (body.contains("Hello_World")) {
      problem(
          exchange,
          400,
          "Invalid request",
          "The request has 2 invalid field(s).",
          """
          [{"field":"name","reason":"does not match the regex pattern ^[a-z]([-a-z0-9]*[a-z0-9])?$"},
           {"field":"port","reason":"must have a maximum value of 65535"}]
          """);
    } else if (body.contains("broken")) {
      accepted(exchange, "FAILED", "payments/dev/broken");
    } else if (body.contains("flaky")) {
      // The stream ends after the first event, as behind a proxy that times it out.
      accepted(exchange, "SUCCEEDED", "payments/dev/flaky");
    } else {
      accepted(exchange, "SUCCEEDED", "payments/dev/hello");
    }
  }

  private void accepted(HttpExchange exchange, String outcome, String target) throws IOException {
    String id = UUID.randomUUID().toString();
    operationOutcome.put(id, outcome);
    operationTarget.put(id, target);
    if (target.endsWith("/flaky")) {
      cutStreams.add(id);
    }
    exchange.getResponseHeaders().add("Location", "/api/v1/operations/" + id);
    json(
        exchange,
        202,
        "{\"operationId\":\"%s\",\"statusUrl\":\"/api/v1/operations/%s\"}".formatted(id, id));
  }

  private String view(String id, String state) {
    boolean failed = state.equals("FAILED");
    return """
        {"id":"%s","type":"DEPLOY","team":"payments","environment":"dev","target":"%s",
         "state":"%s","detail":%s,"errors":%s,"result":%s,"requestedBy":"alice",
         "createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:01Z"}
        """
        .formatted(
            id,
            operationTarget.get(id),
            state,
            state.equals("PENDING")
                ? "null"
                : failed
                    ? "\"the cluster refused the Deployment\""
                    : "\"revision 1 of hello applied (5 objects)\"",
            failed
                ? "[{\"field\":\"spec.template.spec.containers[0].image\",\"reason\":\"is not allowed\"}]"
                : "null",
            state.equals("SUCCEEDED") ? "{\"revision\":1,\"resources\":5}" : "null")
        .replace("\n", "");
  }

  private void operation(HttpExchange exchange, String method, String path) throws IOException {
    String rest = path.substring("/api/v1/operations/".length());
    String id = rest.replace("/events", "");
    String outcome = operationOutcome.get(id);
    if (outcome == null) {
      problem(exchange, 404, "Not found", "Operation " + id + " does not exist.", null);
      return;
    }
    if (!rest.endsWith("/events")) {
      json(exchange, 200, view(id, outcome));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (String state :
        cutStreams.contains(id) ? List.of("PENDING") : List.of("PENDING", outcome)) {
      out.write(("data:" + view(id, state) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void approvals(HttpExchange exchange, String method, String path) throws IOException {
    String known = "5d1c9a7e-0000-4000-8000-000000000001";
    if (method.equals("GET") && path.equals("/api/v1/approvals")) {
      json(exchange, 200, "[" + approval(known, "PENDING", null) + "]");
    } else if (method.equals("POST") && path.startsWith("/api/v1/approvals/" + known + "/")) {
      String id = UUID.randomUUID().toString();
      boolean approve = path.endsWith("/approve");
      operationOutcome.put(id, approve ? "SUCCEEDED" : "REJECTED");
      operationTarget.put(id, "payments/production/hello");
      json(exchange, 200, approval(known, approve ? "APPROVED" : "REJECTED", id));
    } else {
      String id = path.split("/")[4];
      problem(exchange, 404, "Not found", "Approval " + id + " does not exist.", null);
    }
  }

  private static String approval(String id, String state, String operationId) {
    return """
        {"id":"%s","operationId":"%s","team":"payments","environment":"production",
         "action":"deploy","target":"payments/production/hello","planHash":null,
         "requestedBy":"alice","state":"%s","decidedBy":null,"channel":null,"reason":null,
         "createdAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-26T10:00:00Z","decidedAt":null}
        """
        .formatted(id, operationId == null ? "op-pending" : operationId, state);
  }

  private static String secretView(String name, int version, JsonNode values) {
    List<String> keys = new ArrayList<>();
    values.fieldNames().forEachRemaining(keys::add);
    return """
        {"team":"payments","environment":"dev","name":"%s","keys":%s,"version":%d,
         "needsValue":false,"createdAt":"2026-11-25T10:00:00Z","updatedAt":"2026-11-25T10:00:00Z",
         "lastRotatedAt":null,"rotation":{"everyDays":30,"length":32,"charset":"alphanumeric",
         "keys":["password"]},"nextRotationAt":"2026-12-25T10:00:00Z","referencedBy":["hello"]}
        """
        .formatted(name, Json.pretty(Json.JSON.valueToTree(keys)).replace("\n", ""), version);
  }

  private void audit(HttpExchange exchange, String query) throws IOException {
    Map<String, String> params = form(query == null ? "" : query);
    String item =
        """
        {"seq":%d,"eventId":"e%d","type":"dev.slipway.deploy.%s.v1","source":"/slipway/x",
         "subject":"payments/dev/hello","team":"payments","environment":"dev","app":"hello",
         "operationId":"%s","actor":"alice","occurredAt":"2026-11-25T10:00:0%dZ",
         "recordedAt":"2026-11-25T10:00:0%dZ","payload":{},"prevHash":"x","hash":"y"}
        """;
    String op = params.getOrDefault("operationId", "op-1");
    if (params.get("cursor") == null) {
      json(
          exchange,
          200,
          "{\"items\":["
              + item.formatted(1, 1, "requested", op, 1, 1)
              + "],\"nextCursor\":\"c2\"}");
    } else {
      json(
          exchange,
          200,
          "{\"items\":[" + item.formatted(2, 2, "completed", op, 2, 2) + "],\"nextCursor\":null}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void problem(
      HttpExchange exchange, int status, String title, String detail, String errors)
      throws IOException {
    String body =
        "{\"type\":\"https://slipway.dev/problems/x\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"%s}"
            .formatted(title, status, detail, errors == null ? "" : ",\"errors\":" + errors);
    send(exchange, status, "application/problem+json", body);
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
