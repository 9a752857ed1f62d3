package dev.slipway.gateway.client;

import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Passes an owning service's answer through unchanged (its problem+json included), and turns an
 * unreachable or slow service into 503 or 504 problem+json instead of a hang or a 500.
 */
public final class Upstream {

  /** {@code slipway.upstream.timeout}, 10 s unless configured. */
  public static final Duration TIMEOUT =
      org.eclipse.microprofile.config.ConfigProvider.getConfig()
          .getOptionalValue("slipway.upstream.timeout", Duration.class)
          .orElse(Duration.ofSeconds(10));

  private Upstream() {}

  public static Uni<Response> relay(String service, Uni<Response> call) {
    return call.ifNoItem()
        .after(TIMEOUT)
        .failWith(() -> new TimeoutException(service))
        .map(Upstream::copy)
        .onFailure()
        .transform(failure -> translate(service, failure));
  }

  private static Response copy(Response upstream) {
    String body = upstream.hasEntity() ? upstream.readEntity(String.class) : null;
    var builder = Response.status(upstream.getStatus());
    if (upstream.getMediaType() != null) {
      builder.type(upstream.getMediaType());
    }
    // A service's 503 says when to come back; dropping it would leave the client guessing.
    String retryAfter = upstream.getHeaderString("Retry-After");
    if (retryAfter != null) {
      builder.header("Retry-After", retryAfter);
    }
    return builder.entity(body).build();
  }

  private static Throwable translate(String service, Throwable failure) {
    if (failure instanceof ProblemException) {
      return failure;
    }
    if (failure instanceof TimeoutException) {
      return new ProblemException(
          Problem.of(
              504,
              "Upstream timeout",
              service + " did not answer within " + TIMEOUT.toMillis() + " ms."));
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof io.vertx.core.VertxException) {
        return new ProblemException(
            Problem.of(
                503, "Service unavailable", service + " cannot be reached; try again shortly."));
      }
    }
    return failure;
  }
}
