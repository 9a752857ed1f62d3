package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The gateway's HTTP API with the signed-in user's token: refreshed when it expired, and once more
 * when the gateway answers 401. Errors become {@link CliException}s carrying the problem+json.
 */
public final class Gateway {

  private final Http http;
  private final Settings settings;
  private final CredentialsStore store;
  private final Clock clock;
  private Credentials credentials;

  /** Pauses before the retries of a 503 or 504. */
  static final List<Duration> RETRY_PAUSES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(3));

  private final Consumer<Duration> sleeper;

  public Gateway(Http http, Settings settings, CredentialsStore store, Clock clock) {
    this(http, settings, store, clock, Gateway::sleep);
  }

  Gateway(
      Http http,
      Settings settings,
      CredentialsStore store,
      Clock clock,
      Consumer<Duration> sleeper) {
    this.http = http;
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.SERVER, "Interrupted.");
    }
  }

  public Credentials credentials() {
    if (credentials == null) {
      credentials =
          store
              .load()
              .orElseThrow(
                  () ->
                      new CliException(
                          ExitCode.AUTH, "Not signed in: run `slipway-cli login` first."));
      if (credentials.expired(clock.instant())) {
        refresh();
      }
    }
    return credentials;
  }

  private void refresh() {
    if (!credentials.refreshable(clock.instant())) {
      throw new CliException(
          ExitCode.AUTH, "Your session has expired: sign in again with `slipway-cli login`.");
    }
    Oidc oidc =
        new Oidc(
            http,
            credentials.issuer(),
            credentials.clientId(),
            clock,
            d -> Thread.sleep(d.toMillis()));
    credentials = oidc.refresh(credentials);
    store.save(credentials);
  }

  public JsonNode get(String path) {
    return call("GET", path, null, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return call("POST", path, Json.pretty(body), "application/json");
  }

  public JsonNode post(String path, String body, String contentType) {
    return call("POST", path, body, contentType);
  }

  public JsonNode put(String path, JsonNode body) {
    return call("PUT", path, Json.pretty(body), "application/json");
  }

  public JsonNode delete(String path) {
    return call("DELETE", path, null, null);
  }

  /**
   * The JSON answer of a successful call ({@code null} for an empty body). A change carries an
   * Idempotency-Key, the same on every attempt, so a 503 (nothing changed) or a 504 (the change may
   * be under way) is retried without making the change twice.
   */
  private JsonNode call(String method, String path, String body, String contentType) {
    String key = "GET".equals(method) ? null : UUID.randomUUID().toString();
    Http.Answer answer = http.send(request(method, path, body, contentType, key), "the gateway");
    if (answer.status() == 401 && credentials.refreshable(clock.instant())) {
      refresh();
      answer = http.send(request(method, path, body, contentType, key), "the gateway");
    }
    for (Duration pause : RETRY_PAUSES) {
      if (answer.status() != 503 && answer.status() != 504) {
        break;
      }
      sleeper.accept(pause);
      answer = http.send(request(method, path, body, contentType, key), "the gateway");
    }
    if (!answer.ok()) {
      throw error(answer.status(), answer.json());
    }
    return answer.json();
  }

  private HttpRequest.Builder request(
      String method, String path, String body, String type, String idempotencyKey) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(settings.url() + path))
            .header("Authorization", "Bearer " + credentials().accessToken())
            .header("Accept", "application/json, application/problem+json");
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    if (body != null) {
      builder.header("Content-Type", type);
      builder.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder;
  }

  /**
   * Reads a Server-Sent Events stream, handing each event's JSON data to {@code onEvent} until it
   * answers true or the stream ends. Returns the last event's data (null when there was none).
   */
  public JsonNode events(String path, Predicate<JsonNode> onEvent) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url() + path))
            .header("Authorization", "Bearer " + credentials().accessToken())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> response = http.stream(request, "the gateway");
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() >= 300) {
        String text = String.join("\n", (Iterable<String>) lines::iterator);
        throw error(response.statusCode(), Json.tryParse(text));
      }
      SseParser parser = new SseParser();
      JsonNode[] last = {null};
      for (var it = lines.iterator(); it.hasNext(); ) {
        String data = parser.accept(it.next());
        if (data != null) {
          JsonNode event = Json.tryParse(data);
          if (event != null) {
            last[0] = event;
            if (onEvent.test(event)) {
              break;
            }
          }
        }
      }
      return last[0];
    }
  }

  static CliException error(int status, JsonNode problem) {
    String detail =
        problem != null && problem.hasNonNull("detail")
            ? problem.path("detail").asText()
            : "The gateway answered HTTP " + status + ".";
    return new CliException(ExitCode.forStatus(status), detail, problem);
  }

  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A query string from name, value pairs, leaving out null values; starts with '?', or is empty
   * when every value is null.
   */
  public static String query(Object... namesAndValues) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        q.append(q.length() == 0 ? '?' : '&')
            .append(encode(namesAndValues[i].toString()))
            .append('=')
            .append(encode(value.toString()));
      }
    }
    return q.toString();
  }
}
