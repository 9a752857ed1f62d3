package dev.slipway.launcher.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpReadinessTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void waitsUntilTheUrlAnswers200() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    URI url = serve(() -> calls.incrementAndGet() < 3 ? 503 : 200);

    HttpReadiness.await(url, Duration.ofSeconds(10), () -> true);

    assertThat(calls).hasValue(3);
  }

  @Test
  void givesUpAtOnceWhenTheProcessExited() throws Exception {
    URI url = serve(() -> 503);
    long start = System.nanoTime();

    assertThatThrownBy(() -> HttpReadiness.await(url, Duration.ofMinutes(5), () -> false))
        .isInstanceOfSatisfying(
            HttpReadiness.NotReadyException.class, e -> assertThat(e.processExited()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void timesOutWithTheLastAnswer() throws Exception {
    URI url = serve(() -> 503);

    assertThatThrownBy(() -> HttpReadiness.await(url, Duration.ofMillis(600), () -> true))
        .isInstanceOfSatisfying(
            HttpReadiness.NotReadyException.class, e -> assertThat(e.processExited()).isFalse())
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void aPortNobodyListensOnIsNotReady() {
    URI url = URI.create("http://127.0.0.1:" + freePort() + "/q/health/ready");

    assertThatThrownBy(() -> HttpReadiness.await(url, Duration.ofMillis(600), () -> true))
        .hasMessageContaining("not ready");
  }

  private URI serve(java.util.function.IntSupplier status) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/q/health/ready",
        exchange -> {
          exchange.sendResponseHeaders(status.getAsInt(), -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready");
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
