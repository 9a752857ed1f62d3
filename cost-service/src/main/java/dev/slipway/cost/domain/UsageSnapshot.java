package dev.slipway.cost.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one sample saw: Slipway's namespaces, their scheduled pods and, when nodes are visible, the
 * cluster's capacity (null otherwise).
 */
public record UsageSnapshot(
    Instant at, List<NamespaceRef> namespaces, List<PodRequest> pods, Capacity capacity) {

  public UsageSnapshot {
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
  }
}
