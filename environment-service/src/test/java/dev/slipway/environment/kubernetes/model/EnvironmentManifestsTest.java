package dev.slipway.environment.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.events.EnvironmentKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentManifestsTest {

  static final EnvironmentSpec STAGING =
      new EnvironmentSpec("payments", "staging", EnvironmentKind.STAGING);

  @Test
  void rendersNamespaceFirstThenWhatLivesInIt() {
    List<HasMetadata> objects = EnvironmentManifests.render(STAGING, TestConfig.INSTANCE);

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "Namespace",
            "ResourceQuota",
            "LimitRange",
            "NetworkPolicy",
            "NetworkPolicy",
            "RoleBinding",
            "RoleBinding");
    assertThat(objects.get(0).getMetadata().getName()).isEqualTo("payments-staging");
    assertThat(objects.subList(1, 7))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("payments-staging"));
  }

  @Test
  void labelsEveryObjectWithTeamEnvironmentAndKind() {
    assertThat(EnvironmentManifests.render(STAGING, TestConfig.INSTANCE))
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                            "app.kubernetes.io/managed-by", "slipway",
                            "slipway.dev/team", "payments",
                            "slipway.dev/environment", "staging",
                            "slipway.dev/kind", "staging")));
  }

  @Test
  void quotaComesFromTheKind() {
    var production = new EnvironmentSpec("payments", "prod", EnvironmentKind.PRODUCTION);
    var quota = (ResourceQuota) EnvironmentManifests.render(production, TestConfig.INSTANCE).get(1);

    assertThat(quota.getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("16"))
        .containsEntry("limits.memory", new Quantity("32Gi"))
        .containsEntry("pods", new Quantity("100"))
        .containsEntry("requests.storage", new Quantity("500Gi"));
  }

  @Test
  void limitRangeGivesContainerDefaults() {
    var limits = (LimitRange) EnvironmentManifests.render(STAGING, TestConfig.INSTANCE).get(2);
    var item = limits.getSpec().getLimits().get(0);

    assertThat(item.getType()).isEqualTo("Container");
    assertThat(item.getDefaultRequest())
        .containsEntry("cpu", new Quantity("100m"))
        .containsEntry("memory", new Quantity("128Mi"));
    assertThat(item.getDefault())
        .containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity("512Mi"));
  }

  @Test
  void deniesAllIngressExceptFromTheIngressController() {
    var objects = EnvironmentManifests.render(STAGING, TestConfig.INSTANCE);
    var deny = (NetworkPolicy) objects.get(3);
    var allow = (NetworkPolicy) objects.get(4);

    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(allow.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector())
        .satisfies(
            s ->
                assertThat(s.getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx")));
  }

  @Test
  void teamGroupsGetTheClusterRoleTheirKindConfigures() {
    var staging = bindings(STAGING);
    var production = bindings(new EnvironmentSpec("payments", "prod", EnvironmentKind.PRODUCTION));

    assertThat(staging)
        .extracting(b -> b.getMetadata().getName())
        .containsExactly("slipway-team-developers", "slipway-team-tech-leads");
    assertThat(staging)
        .allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo("slipway:team-edit"));
    assertThat(staging.get(0).getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("Group");
              assertThat(s.getName()).isEqualTo("slipway:payments:developers");
            });
    assertThat(production).allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo("view"));
  }

  @Test
  void neverBindsTheBuiltInEditRoleWhichReadsSecrets() {
    for (EnvironmentKind kind : EnvironmentKind.values()) {
      assertThat(bindings(new EnvironmentSpec("payments", "x", kind)))
          .extracting(b -> b.getRoleRef().getName())
          .doesNotContain("edit", "admin", "cluster-admin");
    }
  }

  private static List<RoleBinding> bindings(EnvironmentSpec spec) {
    return EnvironmentManifests.render(spec, TestConfig.INSTANCE).stream()
        .filter(RoleBinding.class::isInstance)
        .map(RoleBinding.class::cast)
        .toList();
  }

  @Test
  void neverAdoptsANamespaceSlipwayDidNotMake() {
    Namespace unmanaged =
        new NamespaceBuilder().withNewMetadata().withName("payments-staging").endMetadata().build();

    assertThat(NamespaceOwnership.problem(unmanaged, STAGING))
        .hasValue("namespace payments-staging exists and is not managed by Slipway");
    assertThat(NamespaceOwnership.problem(null, STAGING)).isEmpty();
    assertThat(NamespaceOwnership.problem(NamespaceModel.render(STAGING), STAGING)).isEmpty();
  }

  @Test
  void refusesANamespaceOfAnotherSlipwayEnvironmentWithTheSameName() {
    var other = new EnvironmentSpec("payments-staging", "x", EnvironmentKind.PREVIEW);
    var clash = NamespaceModel.render(other);
    clash.getMetadata().setName("payments-staging");

    assertThat(NamespaceOwnership.problem(clash, STAGING))
        .hasValueSatisfying(r -> assertThat(r).contains("payments-staging/x"));
  }

  /** The defaults of application.properties. */
  enum TestConfig implements EnvironmentsConfig {
    INSTANCE;

    @Override
    public Map<String, Quota> quota() {
      return Map.of(
          "production", quota("16", "32Gi", 100, "500Gi"),
          "staging", quota("8", "16Gi", 50, "200Gi"),
          "development", quota("4", "8Gi", 30, "100Gi"),
          "preview", quota("2", "4Gi", 20, "20Gi"));
    }

    @Override
    public Quota quotaLimits() {
      return quota("64", "256Gi", 500, "2Ti");
    }

    @Override
    public LimitRangeDefaults limitRange() {
      return new LimitRangeDefaults() {
        @Override
        public Resources defaultRequest() {
          return resources("100m", "128Mi");
        }

        @Override
        public Resources defaultLimit() {
          return resources("500m", "512Mi");
        }
      };
    }

    @Override
    public String ingressNamespace() {
      return "ingress-nginx";
    }

    @Override
    public TeamAccess teamAccess() {
      Map<String, String> edit =
          Map.of("developers", "slipway:team-edit", "tech-leads", "slipway:team-edit");
      Map<String, String> view = Map.of("developers", "view", "tech-leads", "view");
      return new TeamAccess() {
        @Override
        public String groupPattern() {
          return "slipway:{team}:{group}";
        }

        @Override
        public Map<String, Map<String, String>> bindings() {
          return Map.of("production", view, "staging", edit, "development", edit, "preview", edit);
        }
      };
    }

    @Override
    public Expiry expiry() {
      return new Expiry() {
        @Override
        public int idleDays() {
          return 30;
        }

        @Override
        public String checkEvery() {
          return "1m";
        }

        @Override
        public Map<String, Integer> teamIdleDays() {
          return Map.of();
        }
      };
    }

    @Override
    public java.time.Duration deleteTimeout() {
      return java.time.Duration.ofMinutes(5);
    }

    private static Quota quota(String cpu, String memory, int pods, String storage) {
      return new Quota() {
        @Override
        public String cpu() {
          return cpu;
        }

        @Override
        public String memory() {
          return memory;
        }

        @Override
        public int pods() {
          return pods;
        }

        @Override
        public String storage() {
          return storage;
        }
      };
    }

    private static Resources resources(String cpu, String memory) {
      return new Resources() {
        @Override
        public String cpu() {
          return cpu;
        }

        @Override
        public String memory() {
          return memory;
        }
      };
    }
  }
}
