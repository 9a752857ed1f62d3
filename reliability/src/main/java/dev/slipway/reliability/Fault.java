package dev.slipway.reliability;

/** Something the suite breaks while the load runs, and how it mends it. */
public sealed interface Fault {

  /** How the fault matrix names it. */
  String name();

  void inject(FaultPlatform platform) throws Exception;

  /** Returns once the component serves again. */
  void recover(FaultPlatform platform) throws Exception;

  /** kill -9 of a service process, then a restart on the same port. */
  record ServiceKill(String service) implements Fault {
    public String name() {
      return "kill -9 " + service;
    }

    public void inject(FaultPlatform platform) throws Exception {
      platform.killService(service);
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

  /** A second replica of every service joins (consumer groups rebalance), then leaves. */
  record SecondReplicas() implements Fault {
    public String name() {
      return "two replicas of each service";
    }

    public void inject(FaultPlatform platform) throws Exception {
      platform.startReplicas();
    }

    public void recover(FaultPlatform platform) {
      platform.stopReplicas();
    }
  }
}
