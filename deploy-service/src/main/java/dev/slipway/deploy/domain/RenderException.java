package dev.slipway.deploy.domain;

import dev.slipway.events.FieldError;
import java.util.List;

/** The spec could not be turned into manifests (a patch that does not apply, a bad value). */
public class RenderException extends RuntimeException {

  private final List<FieldError> errors;

  public RenderException(String message, List<FieldError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
