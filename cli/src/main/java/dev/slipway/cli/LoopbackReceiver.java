package dev.slipway.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of the browser sign-in (RFC 8252, loopback interface redirection): an HTTP
 * server on 127.0.0.1 only, on a port the system picks, that takes the first answer of the provider
 * and tells the browser it may close the tab.
 */
public final class LoopbackReceiver implements AutoCloseable {

  static final String PATH = "/callback";

  /** What the provider sent back: a code and the state, or an error. */
  public record Callback(String code, String state, String error, String errorDescription) {
    @Override
    public String toString() {
      return "Callback[state=" + state + ", error=" + error + "]";
    }
  }

  private final HttpServer server;
  private final CompletableFuture<Callback> callback = new CompletableFuture<>();

  public LoopbackReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for the sign-in", e);
    }
    server.createContext(PATH, this::receive);
    server.start();
  }

  public String redirectUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** The provider's answer, or null when none came in time. */
  public Callback await(Duration timeout) throws InterruptedException {
    try {
      return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Callback received =
        new Callback(
            query.get("code"),
            query.get("state"),
            query.get("error"),
            query.get("error_description"));
    // Answer the browser before waking the CLI, which then stops this server.
    boolean first = !callback.isDone();
    String message =
        !first
            ? "This sign-in was already answered. You can close this tab."
            : received.error() != null
                ? "Sign-in failed: " + received.error() + ". Back to the terminal."
                : "Signed in to Slipway. You can close this tab and go back to the terminal.";
    byte[] body =
        ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Slipway CLI</title>"
                + "</head><body><p>"
                + escape(message)
                + "</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(first && received.error() == null ? 200 : 400, body.length);
      exchange.getResponseBody().write(body);
    } finally {
      callback.complete(received);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    // Lets an answer still being written finish (at most a second).
    server.stop(1);
  }
}
