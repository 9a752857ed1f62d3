package dev.slipway.audit.kubernetes.client;

import dev.slipway.audit.config.AuditConfig;
import dev.slipway.audit.kubernetes.model.WarningEvents;
import dev.slipway.audit.kubernetes.model.WarningEvents.Place;
import dev.slipway.audit.service.AuditLog;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records the Warning Events of Slipway's namespaces in the audit log, for the environment
 * timeline. Two informers, both read-only: the namespaces labelled managed-by=slipway (their team
 * and environment labels place each warning), and the Events of type Warning in every namespace
 * (field selector, so the API server filters). The Event informer's cache keeps only each Event's
 * key and resourceVersion ({@link ReducedStateItemStore}): memory stays small however many warnings
 * the cluster holds, and the handler sees the full Event once per change.
 */
@ApplicationScoped
public class WarningEventWatcher {

  private static final Logger LOG = Logger.getLogger(WarningEventWatcher.class);
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final AuditLog auditLog;
  private final AuditConfig config;
  private final Map<String, Place> places = new ConcurrentHashMap<>();
  private SharedIndexInformer<Namespace> namespaces;
  private SharedIndexInformer<Event> events;

  public WarningEventWatcher(KubernetesClient client, AuditLog auditLog, AuditConfig config) {
    this.client = client;
    this.auditLog = auditLog;
    this.config = config;
  }

  void start(@Observes StartupEvent start) {
    if (!config.kubernetesWarnings().enabled()) {
      return;
    }
    try {
      // Blocks until the namespaces are listed: a warning is never judged against an empty map.
      namespaces =
          client
              .namespaces()
              .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
              .inform(new NamespaceHandler(), 0);
      events =
          client.v1().events().inAnyNamespace().withField("type", "Warning").runnableInformer(0);
      events.itemStore(
          new ReducedStateItemStore<>(
              ReducedStateItemStore.NAME_KEY_STATE,
              Event.class,
              client.getKubernetesSerialization()));
      events.addEventHandler(new WarningHandler());
      events.start();
    } catch (RuntimeException e) {
      // The audit log works without it; the timeline then lacks Kubernetes warnings. Said once.
      LOG.errorf(
          "audit: cannot watch Kubernetes Events, warnings will not reach the timeline: %s",
          e.getMessage());
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    if (events != null) {
      events.close();
    }
    if (namespaces != null) {
      namespaces.close();
    }
  }

  private void observe(Event event) {
    if (!WarningEvents.isWarning(event)) {
      return;
    }
    Place place = places.get(event.getMetadata().getNamespace());
    if (place == null) {
      return; // not one of Slipway's namespaces
    }
    try {
      auditLog
          .recordAll(List.of(WarningEvents.received(event, place)))
          .await()
          .atMost(STORE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warnf(
          "audit: cannot record the warning %s/%s: %s",
          event.getMetadata().getNamespace(), event.getMetadata().getName(), e.getMessage());
    }
  }

  private final class NamespaceHandler implements ResourceEventHandler<Namespace> {
    @Override
    public void onAdd(Namespace namespace) {
      update(namespace);
    }

    @Override
    public void onUpdate(Namespace before, Namespace after) {
      update(after);
    }

    @Override
    public void onDelete(Namespace namespace, boolean unknownFinalState) {
      places.remove(namespace.getMetadata().getName());
    }

    private void update(Namespace namespace) {
      String name = namespace.getMetadata().getName();
      Place.of(namespace).ifPresentOrElse(p -> places.put(name, p), () -> places.remove(name));
    }
  }

  private final class WarningHandler implements ResourceEventHandler<Event> {
    @Override
    public void onAdd(Event event) {
      observe(event);
    }

    @Override
    public void onUpdate(Event before, Event after) {
      observe(after);
    }

    @Override
    public void onDelete(Event event, boolean unknownFinalState) {
      // Kubernetes expires Events after an hour; the log keeps what it recorded.
    }
  }
}
