package dev.slipway.environment.domain;

import java.util.List;

/** What became of an attempt to remove an environment's Kubernetes objects. */
public sealed interface Teardown {

  /** The namespace is gone; {@code removed} names what Slipway had made in it. */
  record Removed(List<String> removed) implements Teardown {}

  /** Nothing was removed, or the namespace did not go in time; the reason is for the requester. */
  record Refused(String reason) implements Teardown {}
}
