package dev.slipway.launcher.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a URL until it answers 200, giving up as soon as the process behind it has exited: a
 * service that dies on startup is reported at once, not after the timeout.
 */
public final class HttpReadiness {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Why waiting ended without an answer: the process died, or time ran out. */
  public static final class NotReadyException extends Exception {
    private final boolean processExited;

    NotReadyException(String message, boolean processExited) {
      super(message);
      this.processExited = processExited;
    }

    public boolean processExited() {
      return processExited;
    }
  }

  private HttpReadiness() {}

  public static void await(URI url, Duration timeout, BooleanSupplier alive)
      throws NotReadyException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (true) {
      if (!alive.getAsBoolean()) {
        throw new NotReadyException("exited before " + url + " answered", true);
      }
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      }
      if (System.nanoTime() > deadline) {
        throw new NotReadyException(
            url + " not ready within " + timeout.toSeconds() + " s (last: " + last + ")", false);
      }
      Thread.sleep(250);
    }
  }

  private static String abbreviate(String body) {
    String line = body.replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
