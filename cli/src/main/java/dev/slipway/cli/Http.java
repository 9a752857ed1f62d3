package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The JDK HttpClient, with the failures a user can act on turned into {@link CliException}s. */
public final class Http {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** An answer: status, body as text, and its Content-Type. */
  public record Answer(int status, String body, String contentType) {
    public JsonNode json() {
      return Json.tryParse(body);
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Answer send(HttpRequest.Builder request, String what) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    try {
      HttpResponse<String> response =
          client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw unreachable(what, built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.SERVER, "Interrupted.");
    }
  }

  /** Streams the body line by line (Server-Sent Events); the caller closes the stream. */
  public HttpResponse<Stream<String>> stream(HttpRequest request, String what) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(what, request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.SERVER, "Interrupted.");
    }
  }

  static CliException unreachable(String what, URI uri, IOException e) {
    String why =
        e instanceof HttpTimeoutException
            ? "it did not answer in time"
            : e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new CliException(
        ExitCode.SERVER,
        "Cannot reach "
            + what
            + " at "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + ": "
            + why
            + ".");
  }

  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
