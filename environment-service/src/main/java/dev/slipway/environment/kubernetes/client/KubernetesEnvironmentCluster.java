package dev.slipway.environment.kubernetes.client;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.environment.domain.Teardown;
import dev.slipway.environment.kubernetes.model.EnvironmentLabels;
import dev.slipway.environment.kubernetes.model.EnvironmentManifests;
import dev.slipway.environment.kubernetes.model.NamespaceOwnership;
import dev.slipway.environment.kubernetes.model.ResourceQuotaModel;
import dev.slipway.environment.service.EnvironmentCluster;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Applies and removes an environment's objects, after checking the namespace is Slipway's. */
@ApplicationScoped
public class KubernetesEnvironmentCluster implements EnvironmentCluster {

  private final KubernetesClient client;
  private final ServerSideApplier applier;
  private final EnvironmentsConfig config;

  public KubernetesEnvironmentCluster(
      KubernetesClient client, ServerSideApplier applier, EnvironmentsConfig config) {
    this.client = client;
    this.applier = applier;
    this.config = config;
  }

  @Override
  public Provisioning provision(EnvironmentSpec spec, EnvironmentQuota quota) {
    return apply(spec, EnvironmentManifests.render(spec, config, quota));
  }

  @Override
  public Optional<String> applyQuotas(
      List<EnvironmentSpec> environments, Map<EnvironmentKind, EnvironmentQuota> quota) {
    List<HasMetadata> quotas = new ArrayList<>();
    for (EnvironmentSpec spec : environments) {
      var foreign = NamespaceOwnership.problem(existingNamespace(spec.namespace()), spec);
      if (foreign.isPresent()) {
        return foreign;
      }
      quotas.add(ResourceQuotaModel.render(spec, quota.get(spec.kind())));
    }
    try {
      applier.applyAll(quotas);
      return Optional.empty();
    } catch (ApplyException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Provisioning provisionClone(EnvironmentSpec clone, EnvironmentSpec source) {
    Namespace sourceNamespace = existingNamespace(source.namespace());
    if (sourceNamespace == null) {
      return new Provisioning.Refused("namespace " + source.namespace() + " of the source is gone");
    }
    var foreign = NamespaceOwnership.problem(sourceNamespace, source);
    if (foreign.isPresent()) {
      return new Provisioning.Refused(foreign.get());
    }
    ResourceQuota quota =
        call(
            source.namespace(),
            () ->
                client
                    .resourceQuotas()
                    .inNamespace(source.namespace())
                    .withName(ResourceQuotaModel.NAME)
                    .get());
    Map<String, Quantity> hard =
        quota == null || quota.getSpec() == null || quota.getSpec().getHard() == null
            ? ResourceQuotaModel.hard(config.quotaFor(clone.kind()))
            : quota.getSpec().getHard();
    return apply(clone, EnvironmentManifests.render(clone, config, hard));
  }

  private Provisioning apply(EnvironmentSpec spec, List<HasMetadata> objects) {
    var foreign = NamespaceOwnership.problem(existingNamespace(spec.namespace()), spec);
    if (foreign.isPresent()) {
      return new Provisioning.Refused(foreign.get());
    }
    try {
      applier.applyAll(objects);
      return new Provisioning.Provisioned(spec.namespace());
    } catch (ApplyException e) {
      // The applier restored what it had touched: nothing is left half-made.
      return new Provisioning.Refused(e.getMessage());
    }
  }

  @Override
  public Teardown teardown(EnvironmentSpec spec) {
    String namespace = spec.namespace();
    Namespace existing = existingNamespace(namespace);
    if (existing == null) {
      return new Teardown.Removed(List.of());
    }
    var foreign = NamespaceOwnership.problem(existing, spec);
    if (foreign.isPresent()) {
      return new Teardown.Refused(foreign.get());
    }
    List<String> removed = call(namespace, () -> inventory(spec));
    call(namespace, () -> client.namespaces().withName(namespace).delete());
    try {
      // A watch, not polling: the namespace controller finishes within seconds when it can.
      client
          .namespaces()
          .withName(namespace)
          .waitUntilCondition(
              Objects::isNull, config.deleteTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      return new Teardown.Refused(
          "namespace "
              + namespace
              + " is still terminating after "
              + config.deleteTimeout().toSeconds()
              + "s (a finalizer holds it?); the deletion goes on, delete again to follow it");
    } catch (KubernetesClientException e) {
      throw failure(namespace, e);
    }
    return new Teardown.Removed(removed);
  }

  /** What this service made in the namespace, as {@code Kind/name}: the namespace first. */
  private List<String> inventory(EnvironmentSpec spec) {
    Map<String, String> selector = EnvironmentLabels.selector(spec.team(), spec.name());
    String ns = spec.namespace();
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.resourceQuotas().inNamespace(ns).withLabels(selector).list().getItems());
    objects.addAll(client.limitRanges().inNamespace(ns).withLabels(selector).list().getItems());
    objects.addAll(
        client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(ns)
            .withLabels(selector)
            .list()
            .getItems());
    objects.addAll(
        client.rbac().roleBindings().inNamespace(ns).withLabels(selector).list().getItems());
    List<String> names = new ArrayList<>();
    names.add("Namespace/" + ns);
    objects.forEach(o -> names.add(o.getKind() + "/" + o.getMetadata().getName()));
    return names;
  }

  private Namespace existingNamespace(String name) {
    return call(name, () -> client.namespaces().withName(name).get());
  }

  private static <T> T call(String namespace, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw failure(namespace, e);
    }
  }

  private static RuntimeException failure(String namespace, KubernetesClientException e) {
    if (isTransient(e)) {
      return new TransientFailure("Kubernetes API unavailable for namespace " + namespace, e);
    }
    return e;
  }

  // The kit's ServerSideApplier.isTransient is announced but not on main yet; same rule.
  private static boolean isTransient(KubernetesClientException e) {
    return e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
  }
}
