package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change is retried after a 503 or 504 with the same Idempotency-Key; a read carries none. */
class GatewayRetryTest {

  @TempDir Path dir;

  private HttpServer server;
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> pauses = new ArrayList<>();
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
          exchange.getRequestBody().readAllBytes();
          int status = statuses.isEmpty() ? 202 : statuses.poll();
          byte[] body = "{\"operationId\":\"op-1\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    var store = new CredentialsStore(dir.resolve("credentials.json"));
    store.save(
        new Credentials(
            url,
            "slipway-cli",
            CredentialsStoreTest.token("{\"preferred_username\":\"alice\"}"),
            null,
            Instant.now().plusSeconds(600),
            null));
    gateway =
        new Gateway(
            new Http(),
            new Settings(url, url, "slipway-cli", dir),
            store,
            Clock.systemUTC(),
            pauses::add);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aChangeAnswered503Then504IsRetriedWithTheSameKey() {
    statuses.addAll(List.of(503, 504));

    var answer = gateway.post("/api/v1/x", JsonNodeFactory.instance.objectNode());

    assertThat(answer.path("operationId").asText()).isEqualTo("op-1");
    assertThat(keys).hasSize(3).doesNotContain("null").containsOnly(keys.get(0));
    assertThat(pauses).containsExactlyElementsOf(Gateway.RETRY_PAUSES);
  }

  @Test
  void retriesAreBoundedAndEachChangeHasItsOwnKey() {
    statuses.addAll(List.of(503, 503, 503));
    assertThatThrownBy(() -> gateway.delete("/api/v1/x")).isInstanceOf(CliException.class);
    assertThat(keys).hasSize(3);

    gateway.delete("/api/v1/x");
    assertThat(keys.get(3)).isNotEqualTo(keys.get(0));

    gateway.get("/api/v1/x");
    assertThat(keys.get(4)).isEqualTo("null");
  }
}
