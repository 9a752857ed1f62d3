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
import java.util.Map;
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
    if (informer != null) {
      informer.close();
    }
  }

  private void observe(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    if (labels == null || labels.get(Labels.TEAM) == null || labels.get(Labels.NAME) == null) {
      return;
    }
    RolloutStatus status = RolloutStatus.of(deployment);
    try {
      statuses.record(
          labels.get(Labels.TEAM), labels.get(Labels.ENVIRONMENT), labels.get(Labels.NAME), status);
    } catch (Throwable e) {
      LOG.warnf("cannot record the rollout status of %s: %s", key(deployment), e.getMessage());
    }
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }
}
