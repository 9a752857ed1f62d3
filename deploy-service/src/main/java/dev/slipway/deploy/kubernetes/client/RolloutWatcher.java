package dev.slipway.deploy.kubernetes.client;

import dev.slipway.deploy.config.DeployConfig;
import dev.slipway.deploy.service.RolloutStatus;
import dev.slipway.deploy.service.RolloutStatuses;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watches the Deployments Slipway applied (one informer over every namespace, selected by the
 * managed-by label) and records each app's rollout status: progressing, ready, or failed when the
 * progress deadline passed.
 */
@ApplicationScoped
public class RolloutWatcher {

  private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);
  // A resync re-reads every Deployment: it repairs a status that a deploy's own commit overwrote
  // (the apply happens before the revision is recorded). Writes happen only on change.
  private static final long RESYNC_MILLIS = 30 * 1000L;

  /**
   * After a watch event changed an app's status, the same Deployment is read again from the
   * informer's cache at these delays: the event may have come before the deploy that caused it
   * committed its revision, and that commit resets the status to PROGRESSING with no later event to
   * correct it (the stale status the resync used to repair only up to 30 s later).
   */
  private static final List<Duration> RECHECKS =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15));

  private final ScheduledExecutorService rechecks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "slipway-rollout-recheck");
            t.setDaemon(true);
            return t;
          });
  private final KubernetesClient client;
  private final RolloutStatuses statuses;
  private final DeployConfig config;
  private SharedIndexInformer<Deployment> informer;

  public RolloutWatcher(KubernetesClient client, RolloutStatuses statuses, DeployConfig config) {
    this.client = client;
    this.statuses = statuses;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    if (!config.watchRollouts()) {
      return;
    }
    try {
      informer =
          client
              .apps()
              .deployments()
              .inAnyNamespace()
              .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Deployment deployment) {
                      observe(deployment);
                    }

                    @Override
                    public void onUpdate(Deployment before, Deployment after) {
                      observe(after);
                    }

                    @Override
                    public void onDelete(Deployment deployment, boolean unknownFinalState) {
                      // The app's removal is recorded by whoever removed it.
                    }
                  },
                  RESYNC_MILLIS);
    } catch (RuntimeException e) {
      // Without the watch, deploys still work; statuses stay PROGRESSING. Said loudly once.
      LOG.errorf(
          "cannot watch Deployments, rollout status will not be reported: %s", e.getMessage());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    rechecks.shutdownNow();
    if (informer != null) {
      informer.close();
    }
  }

  private void observe(Deployment deployment) {
    if (record(deployment)) {
      String key = key(deployment);
      for (Duration delay : RECHECKS) {
        rechecks.schedule(() -> recheck(key), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The Deployment as the cache holds it now, recorded again (a write only if it differs). */
  private void recheck(String key) {
    Deployment current = informer == null ? null : informer.getStore().getByKey(key);
    if (current != null) {
      record(current);
    }
  }

  private boolean record(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    if (labels == null || labels.get(Labels.TEAM) == null || labels.get(Labels.NAME) == null) {
      return false;
    }
    RolloutStatus status = RolloutStatus.of(deployment);
    try {
      return statuses.record(
          labels.get(Labels.TEAM), labels.get(Labels.ENVIRONMENT), labels.get(Labels.NAME), status);
    } catch (Throwable e) {
      LOG.warnf("cannot record the rollout status of %s: %s", key(deployment), e.getMessage());
      return false;
    }
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }
}
