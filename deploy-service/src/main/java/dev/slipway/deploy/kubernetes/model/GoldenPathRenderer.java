package dev.slipway.deploy.kubernetes.model;

import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.EffectiveSpec.EnvVar;
import dev.slipway.deploy.domain.GoldenPath;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.WorkloadType;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an app from its golden path: the workload (Deployment, CronJob or Job) and the optional
 * objects the path lists, then the path's platform patches, then the app's expert patches. Pure:
 * spec in, objects out, in apply order (a ConfigMap before the pods that read it).
 */
public final class GoldenPathRenderer {

  private final GoldenPath path;

  public GoldenPathRenderer(GoldenPath path) {
    this.path = path;
  }

  public List<HasMetadata> render(AppTarget target, EffectiveSpec spec) {
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, String> literals = literals(spec);
    String configMap = Names.derived(target.app(), "-config");
    String configHash = null;
    if (!literals.isEmpty()) {
      configHash = Names.hash(literals.toString()).substring(0, 16);
      objects.add(
          new ConfigMapBuilder()
              .withMetadata(metadata(target, configMap))
              .withData(literals)
              .build());
    }
    switch (path.workload()) {
      case CRON -> objects.add(cronJob(target, spec, configMap, configHash));
      case JOB -> objects.add(job(target, spec, configMap, configHash));
      default -> objects.add(deployment(target, spec, configMap, configHash));
    }
    if (path.workload() == WorkloadType.WEB || path.workload() == WorkloadType.WORKER) {
      boolean serves = spec.port() != null;
      if (serves && path.renders("Service")) {
        objects.add(service(target));
      }
      if (spec.autoscaling().enabled() && path.renders("HorizontalPodAutoscaler")) {
        objects.add(autoscaler(target, spec));
      }
      if (path.renders("PodDisruptionBudget")) {
        objects.add(disruptionBudget(target));
      }
      if (serves && path.renders("NetworkPolicy")) {
        objects.add(networkPolicy(target, spec));
      }
      if (serves && spec.host() != null && path.renders("Ingress")) {
        objects.add(ingress(target, spec));
      }
    }
    List<HasMetadata> patched = Patches.apply(objects, path.patches(), "goldenPath.patches");
    return spec.patches() == null ? patched : Patches.apply(patched, spec.patches(), "patches");
  }

  /** Literal values, sorted by name so the ConfigMap and its hash are repeatable. */
  private static Map<String, String> literals(EffectiveSpec spec) {
    Map<String, String> data = new TreeMap<>();
    for (EnvVar variable : spec.env()) {
      if (variable instanceof EnvVar.Literal literal) {
        data.put(literal.name(), literal.value());
      }
    }
    return data;
  }

  private HasMetadata deployment(
      AppTarget target, EffectiveSpec spec, String configMap, String configHash) {
    PodTemplateSpec pod = PodTemplates.pod(target, spec, configMap, configHash, null);
    var builder =
        new DeploymentBuilder()
            .withMetadata(metadata(target, target.app()))
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(target.selector())
            .endSelector()
            .withTemplate(pod)
            .endSpec();
    if (path.defaults() != null && path.defaults().progressDeadlineSeconds() != null) {
      builder
          .editSpec()
          .withProgressDeadlineSeconds(path.defaults().progressDeadlineSeconds())
          .endSpec();
    }
    // With an HPA the autoscaler owns the replica count; declaring it would fight the HPA.
    if (!spec.autoscaling().enabled()) {
      builder.editSpec().withReplicas(spec.replicas() == null ? 1 : spec.replicas()).endSpec();
    }
    return builder.build();
  }

  private HasMetadata cronJob(
      AppTarget target, EffectiveSpec spec, String configMap, String configHash) {
    GoldenPath.Defaults defaults = path.defaults();
    return new CronJobBuilder()
        .withMetadata(metadata(target, Names.fit(target.app(), Names.CRON_JOB_MAX)))
        .withNewSpec()
        .withSchedule(spec.schedule())
        .withConcurrencyPolicy(defaults.concurrencyPolicy())
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(target.labels())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(defaults.backoffLimit())
        .withTemplate(PodTemplates.pod(target, spec, configMap, configHash, "Never"))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  private HasMetadata job(
      AppTarget target, EffectiveSpec spec, String configMap, String configHash) {
    GoldenPath.Defaults defaults = path.defaults();
    PodTemplateSpec pod = PodTemplates.pod(target, spec, configMap, configHash, "Never");
    // A Job's template is immutable: its name carries the template's hash, so a changed spec is a
    // new Job and the same spec applied again changes nothing.
    String hash = Names.hash(Patches.SERIALIZATION.asJson(pod)).substring(0, 8);
    return new JobBuilder()
        .withMetadata(metadata(target, Names.derived(target.app(), "-" + hash)))
        .withNewSpec()
        .withBackoffLimit(defaults.backoffLimit())
        .withTtlSecondsAfterFinished(defaults.ttlSecondsAfterFinished())
        .withTemplate(pod)
        .endSpec()
        .build();
  }

  private HasMetadata service(AppTarget target) {
    return new ServiceBuilder()
        .withMetadata(metadata(target, target.app()))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(target.selector())
        .addNewPort()
        .withName(PodTemplates.PORT_NAME)
        .withPort(80)
        .withTargetPort(new IntOrString(PodTemplates.PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private HasMetadata autoscaler(AppTarget target, EffectiveSpec spec) {
    var autoscaling = spec.autoscaling();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(metadata(target, target.app()))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(target.app())
        .endScaleTargetRef()
        .withMinReplicas(autoscaling.minReplicas())
        .withMaxReplicas(autoscaling.maxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(autoscaling.targetCpu())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  private HasMetadata disruptionBudget(AppTarget target) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(metadata(target, target.app()))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(target.selector())
        .endSelector()
        .endSpec()
        .build();
  }

  private HasMetadata networkPolicy(AppTarget target, EffectiveSpec spec) {
    return new NetworkPolicyBuilder()
        .withMetadata(metadata(target, target.app()))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(target.selector())
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", path.defaults().ingressNamespace()))
        .endNamespaceSelector()
        .endFrom()
        .addNewPort()
        .withPort(new IntOrString(spec.port()))
        .withProtocol("TCP")
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  private HasMetadata ingress(AppTarget target, EffectiveSpec spec) {
    return new IngressBuilder()
        .withMetadata(metadata(target, target.app()))
        .withNewSpec()
        .withIngressClassName(path.defaults().ingressClassName())
        .addNewRule()
        .withHost(spec.host())
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(target.app())
        .withNewPort()
        .withName(PodTemplates.PORT_NAME)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  private static ObjectMeta metadata(AppTarget target, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(target.namespace())
        .withLabels(target.labels())
        .build();
  }
}
