package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Ends the command with a message for the user and an {@link ExitCode}. */
public class CliException extends RuntimeException {

  private final int exitCode;
  private final transient JsonNode problem;

  public CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public CliException(int exitCode, String message, JsonNode problem) {
    super(message);
    this.exitCode = exitCode;
    this.problem = problem;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The RFC 9457 problem the gateway answered, if any. */
  public JsonNode problem() {
    return problem;
  }

  public static CliException notAvailable(String what) {
    return new CliException(ExitCode.NOT_AVAILABLE, what);
  }
}
