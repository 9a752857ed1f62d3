package dev.slipway.reliability;

/**
 * One operation the load asked for, as the gateway answered it: {@code status} is the HTTP status,
 * or 0 when no answer came (connection refused or reset, or the client's timeout).
 */
public record Attempt(
    OperationType type,
    String phase,
    long startedAtMillis,
    long latencyMillis,
    int status,
    String contentType,
    String retryAfter,
    String problemType,
    String operationId,
    String target,
    String error) {

  public boolean accepted() {
    return status == 202 || status == 201 || status == 200;
  }

  /** Accepted as an operation to follow (202), rather than done at once (secrets). */
  public boolean async() {
    return status == 202 && operationId != null;
  }

  /** Refused for now: a dependency is down (503) or the gateway's upstream was too slow (504). */
  public boolean unavailable() {
    return status == 503 || status == 504;
  }

  public boolean noAnswer() {
    return status == 0;
  }
}
