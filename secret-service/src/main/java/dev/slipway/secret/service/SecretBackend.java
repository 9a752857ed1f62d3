package dev.slipway.secret.service;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where secret values end up for pods to read: Kubernetes Secrets, or Vault plus an External
 * Secrets {@code ExternalSecret}. Failures leave nothing half-delivered in the cluster.
 */
public interface SecretBackend {

  /** Delivers these versions, all or none. */
  Uni<Void> deliver(List<Delivery> deliveries);

  /** Removes the secret and everything the backend keeps of it; a missing one is not an error. */
  Uni<Void> remove(String team, String environment, String name);

  /** The backend's name, for logs. */
  String name();
}
