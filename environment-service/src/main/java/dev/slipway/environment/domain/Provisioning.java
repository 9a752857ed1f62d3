package dev.slipway.environment.domain;

/** What became of an attempt to make an environment's Kubernetes objects. */
public sealed interface Provisioning {

  /** Every object exists as Slipway declares it. */
  record Provisioned(String namespace) implements Provisioning {}

  /** Nothing was made (or what was made was rolled back); the reason is for the requester. */
  record Refused(String reason) implements Provisioning {}
}
