package dev.slipway.gateway.domain;

/** Where an operation stands; the last three are terminal. */
public enum OperationState {
  PENDING,
  RUNNING,
  PENDING_APPROVAL,
  SUCCEEDED,
  FAILED,
  REJECTED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == REJECTED;
  }
}
