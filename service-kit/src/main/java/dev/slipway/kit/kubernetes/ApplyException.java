package dev.slipway.kit.kubernetes;

import dev.slipway.events.FieldError;
import java.util.List;

/**
 * The API server refused an apply for a reason retrying will not cure (validation, conflict,
 * permission). Whatever the apply had changed before was restored.
 */
public class ApplyException extends RuntimeException {

  private final int status;
  private final List<FieldError> errors;

  public ApplyException(int status, String message, List<FieldError> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
