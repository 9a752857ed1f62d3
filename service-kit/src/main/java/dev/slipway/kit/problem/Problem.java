package dev.slipway.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.events.FieldError;
import java.util.List;

/** An RFC 9457 problem detail; {@code errors} lists field-level problems of a bad request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String title, String detail) {
    return new Problem(typeFor(status), title, status, detail, null, List.of());
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }

  /** A stable, documented type per status; docs/api-errors.md describes each. */
  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "https://slipway.dev/problems/invalid-request";
      case 401 -> "https://slipway.dev/problems/unauthenticated";
      case 403 -> "https://slipway.dev/problems/forbidden";
      case 404 -> "https://slipway.dev/problems/not-found";
      case 409 -> "https://slipway.dev/problems/conflict";
      case 413 -> "https://slipway.dev/problems/too-large";
      case 415 -> "https://slipway.dev/problems/unsupported-media-type";
      case 422 -> "https://slipway.dev/problems/rejected-by-cluster";
      case 429 -> "https://slipway.dev/problems/rate-limited";
      case 503 -> "https://slipway.dev/problems/unavailable";
      case 504 -> "https://slipway.dev/problems/upstream-timeout";
      default -> "about:blank";
    };
  }
}
