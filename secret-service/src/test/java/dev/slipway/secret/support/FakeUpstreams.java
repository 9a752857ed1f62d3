package dev.slipway.secret.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.events.EventJson;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What secret-service talks to over HTTP, played by one JDK HTTP server: Vault's KV v2 API (write a
 * version, delete metadata) and deploy-service's app list (for "referenced by").
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

  public static final String VAULT_TOKEN = "test-vault-token";

  /** KV path to its versions (index 0 is version 1). */
  public static final Map<String, List<Map<String, String>>> VAULT = new ConcurrentHashMap<>();

  public static final List<String> DELETED = new CopyOnWriteArrayList<>();

  private static HttpServer server;

  @Override
  public synchronized Map<String, String> start() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext("/v1/", FakeUpstreams::vault);
      server.createContext("/api/v1/teams/", FakeUpstreams::apps);
      server.start();
    }
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "slipway.secrets.vault.address", url,
        "slipway.secrets.vault.token", VAULT_TOKEN,
        "slipway.secrets.deploy-service-url", url);
  }

  @Override
  public void stop() {
    // Shared by the JVM's test classes.
  }

  private static void vault(HttpExchange exchange) throws IOException {
    if (!VAULT_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
      respond(exchange, 403, "{\"errors\":[\"permission denied\"]}");
      return;
    }
    // /v1/<mount>/data/<path> or /v1/<mount>/metadata/<path>
    String[] parts = exchange.getRequestURI().getPath().split("/", 5);
    String kind = parts[3];
    String path = parts[4];
    if (kind.equals("data") && exchange.getRequestMethod().equals("POST")) {
      JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody());
      Map<String, String> data = new java.util.TreeMap<>();
      body.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
      var versions = VAULT.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
      versions.add(data);
      respond(
          exchange,
          200,
          "{\"data\":{\"created_time\":\"2026-11-25T10:00:00Z\",\"version\":"
              + versions.size()
              + "}}");
    } else if (kind.equals("metadata") && exchange.getRequestMethod().equals("DELETE")) {
      VAULT.remove(path);
      DELETED.add(path);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    } else {
      respond(exchange, 405, "{\"errors\":[]}");
    }
  }

  private static void apps(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      respond(exchange, 401, "{}");
      return;
    }
    ObjectNode spec = EventJson.mapper().createObjectNode();
    spec.put("name", "checkout").put("image", "ghcr.io/acme/checkout:1.4.2").put("port", 8080);
    var env = spec.putArray("environmentVariables");
    env.addObject().put("name", "DATABASE_URL").put("valueFrom", "secret://db-credentials/url");
    env.addObject().put("name", "LOG_LEVEL").put("value", "info");
    var apps = EventJson.mapper().createArrayNode();
    apps.addObject().put("name", "checkout").set("spec", spec);
    respond(exchange, 200, apps.toString());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Every value Vault holds, for the canary scan. */
  public static List<String> vaultValues() {
    List<String> all = new ArrayList<>();
    VAULT.values().forEach(vs -> vs.forEach(v -> all.addAll(v.values())));
    return all;
  }
}
