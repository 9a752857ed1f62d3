package dev.slipway.deploy.build;

import java.util.List;

/**
 * The log lines of a build, container by container (source fetch, then build), each line prefixed
 * with its container. Behind an interface: where logs come from (the pods' logs through the API
 * server, or a log store once pods are gone) is the cluster's business.
 */
public interface BuildLogs {

  /** A container's lines. */
  record Section(String pod, String container, List<String> lines) {}

  /**
   * The last {@code tail} lines of each container of the build's newest pod; empty when the build
   * has no pod (yet, or any more).
   */
  List<Section> lines(Build build, int tail);
}
