package dev.slipway.gateway.domain;

/** The commands clients send through the gateway. */
public enum OperationType {
  DEPLOY,
  CREATE_ENVIRONMENT,
  DELETE_ENVIRONMENT,
  CLONE_ENVIRONMENT,
  CHANGE_QUOTA,
  /** A build from source, then the deploy of what it built. */
  BUILD
}
