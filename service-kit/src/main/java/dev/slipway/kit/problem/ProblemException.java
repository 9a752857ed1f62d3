package dev.slipway.kit.problem;

import dev.slipway.events.FieldError;
import java.util.List;

/** Thrown anywhere in a request to answer with a problem+json; the message is safe to show. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        Problem.of(
                400, "Invalid request", "The request has " + errors.size() + " invalid field(s).")
            .withErrors(errors));
  }

  /** Another team's object, or one that does not exist: the same answer, so nothing leaks. */
  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.of(404, "Not found", what + " does not exist."));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "Forbidden", detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "Conflict", detail));
  }

  public Problem problem() {
    return problem;
  }
}
