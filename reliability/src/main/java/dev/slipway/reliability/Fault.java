package dev.slipway.reliability;

import java.time.Duration;
import org.jboss.logging.Logger;

/** Something the suite breaks while the load runs, and how it mends it. */
public sealed interface Fault {

  Logger LOG = Logger.getLogger(Fault.class);

  /** How the fault matrix names it. */
  String name();

  void inject(FaultPlatform platform) throws Exception;

  /** Returns once the component serves again. */
  void recover(FaultPlatform platform) throws Exception;

  /**
   * kill -9 of a service process, then a restart on the same port. With {@code applying} set, the
   * kill is aimed: the Kubernetes API is made slow and the kill lands while a server-side apply of
   * that path (such as {@code /services/}, the second object of a deploy) is in flight, so the
   * service dies half-way through an apply, after consuming and before committing.
   */
  record ServiceKill(String service, String applying) implements Fault {
    ServiceKill(String service) {
      this(service, null);
    }

    public String name() {
      return "kill -9 " + service + (applying == null ? "" : " (during an apply)");
    }

    public void inject(FaultPlatform platform) throws Exception {
      if (applying == null) {
        platform.killService(service);
        return;
      }
      var proxy = platform.kubernetesProxy();
      proxy.mode(KubernetesFaultProxy.Mode.SLOW);
      try {
        if (!proxy.awaitInFlight("PATCH", applying, Duration.ofSeconds(30))) {
          LOG.warnf("no apply of %s in flight within 30 s; killing %s anyway", applying, service);
        }
        platform.killService(service);
      } finally {
        proxy.mode(KubernetesFaultProxy.Mode.PASS);
      }
    }

    public void recover(FaultPlatform platform) throws Exception {
      platform.restartService(service);
    }
  }

  /** kill -9 of the Kafka broker, then a restart on the same port and data. */
  record KafkaKill() implements Fault {
    public String name() {
      return "kill -9 kafka";
    }

    public void inject(FaultPlatform platform) throws Exception {
      platform.killKafka();
    }

    public void recover(FaultPlatform platform) throws Exception {
      platform.startKafka();
    }
  }

  /** PostgreSQL stopped (fast shutdown: every connection cut), then started on the same data. */
  record PostgresStop() implements Fault {
    public String name() {
      return "postgresql stopped";
    }

    public void inject(FaultPlatform platform) {
      platform.stopPostgres();
    }

    public void recover(FaultPlatform platform) {
      platform.startPostgres();
    }
  }

  /** Poison, duplicated and reordered records put straight on the topics. */
  record InjectedEvents(EventInjector injector) implements Fault {
    public String name() {
      return "poison, duplicated and reordered events";
    }

    public void inject(FaultPlatform platform) {
      injector.poison();
      injector.duplicateAndReorder(40);
    }

    public void recover(FaultPlatform platform) {}
  }

  /**
   * A second replica of each of {@code services} joins (consumer groups rebalance), then leaves.
   */
  record SecondReplicas(java.util.List<String> services) implements Fault {
    public String name() {
      return services.equals(FaultPlatform.SERVICES)
          ? "two replicas of each service"
          : "two replicas of " + String.join(", ", services);
    }

    public void inject(FaultPlatform platform) throws Exception {
      platform.startReplicas(services);
    }

    public void recover(FaultPlatform platform) {
      platform.stopReplicas();
    }
  }

  /** The Kubernetes API made slow, overloaded, failing, conflicting or unreachable by the proxy. */
  record KubernetesApi(KubernetesFaultProxy.Mode mode) implements Fault {
    public String name() {
      return "kubernetes API " + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public void inject(FaultPlatform platform) throws Exception {
      platform.kubernetesProxy().mode(mode);
    }

    public void recover(FaultPlatform platform) throws Exception {
      platform.kubernetesProxy().mode(KubernetesFaultProxy.Mode.PASS);
    }
  }
}
