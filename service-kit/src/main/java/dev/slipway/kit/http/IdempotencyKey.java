package dev.slipway.kit.http;

import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi draft): a client's name for one change,
 * sent again unchanged when it retries, so the retry cannot make the change twice. The draft makes
 * it a structured-field string ({@code "abc"}); the bare form many clients send is accepted too.
 */
public final class IdempotencyKey {

  public static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  private IdempotencyKey() {}

  /** The key, if the header was sent; a 400 naming the header when it is malformed. */
  public static Optional<String> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String key = header.strip();
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    if (key.isEmpty()
        || key.length() > MAX_LENGTH
        || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  HEADER, "1 to " + MAX_LENGTH + " visible ASCII characters, e.g. a UUID")));
    }
    return Optional.of(key);
  }

  /** 422: the key was already used for another change ({@code what}: "command", "change"). */
  public static ProblemException reused(String what) {
    return new ProblemException(
        new Problem(
            "https://slipway.dev/problems/idempotency-key-reused",
            "Idempotency-Key reused",
            422,
            "This Idempotency-Key was already used for another "
                + what
                + "; send a new key for a new "
                + what
                + ".",
            null,
            List.of(new FieldError(HEADER, "already used for another " + what))));
  }
}
