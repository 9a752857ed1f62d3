package dev.slipway.gateway.domain;

/** The commands clients send through the gateway. */
public enum OperationType {
  DEPLOY,
  CREATE_ENVIRONMENT,
  DELETE_ENVIRONMENT,
  CLONE_ENVIRONMENT,
  CHANGE_QUOTA
}
