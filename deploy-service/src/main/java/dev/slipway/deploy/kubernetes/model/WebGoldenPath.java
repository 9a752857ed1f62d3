package dev.slipway.deploy.kubernetes.model;

import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.EffectiveSpec.EnvVar;
import dev.slipway.deploy.domain.GoldenPathDefaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a web app: Deployment, Service, HPA (when autoscaling), PDB and NetworkPolicy, with the
 * platform's security defaults. Pure: spec in, objects out.
 */
public final class WebGoldenPath {

  private static final String PORT_NAME = "http";

  private final GoldenPathDefaults defaults;

  public WebGoldenPath(GoldenPathDefaults defaults) {
    this.defaults = defaults;
  }

  public List<HasMetadata> render(AppTarget target, EffectiveSpec spec) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(deployment(target, spec));
    objects.add(service(target, spec));
    if (spec.autoscaling().enabled()) {
      objects.add(autoscaler(target, spec));
    }
    objects.add(disruptionBudget(target));
    objects.add(networkPolicy(target, spec));
    return objects;
  }

  private HasMetadata deployment(AppTarget target, EffectiveSpec spec) {
    var builder =
        new DeploymentBuilder()
            .withMetadata(metadata(target))
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(target.selector())
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(target.labels())
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(spec))
            // A read-only root file system still needs somewhere to write temporary files.
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec();
    // With an HPA the autoscaler owns the replica count; declaring it would fight the HPA.
    if (!spec.autoscaling().enabled()) {
      builder.editSpec().withReplicas(replicas(spec)).endSpec();
    }
    return builder.build();
  }

  private int replicas(EffectiveSpec spec) {
    return spec.replicas() != null ? spec.replicas() : defaults.minReplicas();
  }

  private Container container(EffectiveSpec spec) {
    var resources = spec.resources();
    return new ContainerBuilder()
        .withName(spec.name())
        .withImage(spec.image())
        .addNewPort()
        .withName(PORT_NAME)
        .withContainerPort(spec.port())
        .withProtocol("TCP")
        .endPort()
        .withEnv(spec.env().stream().map(WebGoldenPath::envVar).toList())
        .withNewResources()
        .withRequests(quantities(resources.requestsCpu(), resources.requestsMemory()))
        .withLimits(quantities(resources.limitsCpu(), resources.limitsMemory()))
        .endResources()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath(spec.probes().livenessPath())
        .withPort(new IntOrString(PORT_NAME))
        .endHttpGet()
        .endLivenessProbe()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath(spec.probes().readinessPath())
        .withPort(new IntOrString(PORT_NAME))
        .endHttpGet()
        .endReadinessProbe()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  /** Sorted, so rendering is byte-for-byte repeatable (golden files, plan hashes). */
  private static Map<String, Quantity> quantities(String cpu, String memory) {
    return new TreeMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)));
  }

  private static io.fabric8.kubernetes.api.model.EnvVar envVar(EnvVar variable) {
    var builder = new EnvVarBuilder().withName(variable.name());
    if (variable instanceof EnvVar.SecretRef ref) {
      return builder
          .withNewValueFrom()
          .withNewSecretKeyRef()
          .withName(ref.secret())
          .withKey(ref.key())
          .endSecretKeyRef()
          .endValueFrom()
          .build();
    }
    if (variable instanceof EnvVar.ConfigRef ref) {
      return builder
          .withNewValueFrom()
          .withNewConfigMapKeyRef()
          .withName(ref.configMap())
          .withKey(ref.key())
          .endConfigMapKeyRef()
          .endValueFrom()
          .build();
    }
    return builder.withValue(((EnvVar.Literal) variable).value()).build();
  }

  private HasMetadata service(AppTarget target, EffectiveSpec spec) {
    return new ServiceBuilder()
        .withMetadata(metadata(target))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(target.selector())
        .addNewPort()
        .withName(PORT_NAME)
        .withPort(80)
        .withTargetPort(new IntOrString(PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private HasMetadata autoscaler(AppTarget target, EffectiveSpec spec) {
    var autoscaling = spec.autoscaling();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(metadata(target))
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
        .withMetadata(metadata(target))
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
        .withMetadata(metadata(target))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(target.selector())
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", defaults.ingressNamespace()))
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

  private static ObjectMeta metadata(AppTarget target) {
    return new ObjectMetaBuilder()
        .withName(target.app())
        .withNamespace(target.namespace())
        .withLabels(target.labels())
        .build();
  }
}
