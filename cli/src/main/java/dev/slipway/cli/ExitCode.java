package dev.slipway.cli;

/**
 * The exit codes scripts can rely on (docs/cli.md). Picocli's own usage errors are 2 already; the
 * rest are ours.
 */
public final class ExitCode {

  /** Done; or an operation that SUCCEEDED (or waits for an approval). */
  public static final int OK = 0;

  /** The operation ended FAILED or REJECTED, or a plan that guard rails deny. */
  public static final int FAILED = 1;

  /** Bad flags, or a request the gateway refused as invalid (400, 409, 413, 415, 422). */
  public static final int USAGE = 2;

  /** The platform cannot do this yet (no route for it in the gateway). */
  public static final int NOT_AVAILABLE = 3;

  /** Not signed in, session expired, or the role does not allow it (401, 403). */
  public static final int AUTH = 4;

  /** No such object, or another team's (404). */
  public static final int NOT_FOUND = 5;

  /** The gateway or the OIDC provider failed or could not be reached (5xx, 429, I/O). */
  public static final int SERVER = 6;

  private ExitCode() {}

  /** The exit code for an HTTP error status. */
  public static int forStatus(int status) {
    return switch (status) {
      case 400, 409, 413, 415, 422 -> USAGE;
      case 401, 403 -> AUTH;
      case 404, 410 -> NOT_FOUND;
      default -> status >= 400 && status < 500 && status != 429 ? USAGE : SERVER;
    };
  }

  /** The exit code for an operation's state; states that are not final count as OK. */
  public static int forState(String state) {
    return "FAILED".equals(state) || "REJECTED".equals(state) ? FAILED : OK;
  }
}
