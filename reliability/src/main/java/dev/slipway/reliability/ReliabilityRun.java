package dev.slipway.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One run of the suite: the platform comes up with the environments the load needs, the load
 * starts, the faults come one at a time (each held, mended, then followed by a quiet spell), then
 * optionally all together; once the faults stop the load finishes, and the invariants are checked.
 */
public final class ReliabilityRun {

  private static final Logger LOG = Logger.getLogger(ReliabilityRun.class);

  /** How big the run is: the IT's short form, or the documented long form. */
  public record Settings(
      int operations,
      int concurrency,
      Duration pause,
      Duration hold,
      Duration settle,
      boolean together,
      Duration terminalBound) {

    /**
     * A few hundred operations: each worker paces itself (3 s between operations), so that the load
     * leaves the two cores to the restarts it measures instead of saturating them.
     */
    public static Settings shortForm() {
      return new Settings(
          300,
          4,
          Duration.ofSeconds(3),
          Duration.ofSeconds(3),
          Duration.ofSeconds(3),
          false,
          Duration.ofMinutes(3));
    }

    public static Settings longForm() {
      return new Settings(
          1200,
          6,
          Duration.ofMillis(20),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          true,
          Duration.ofMinutes(5));
    }
  }

  /** Everything a run produced, for the assertions and the report. */
  public record Outcome(
      Settings settings,
      List<Attempt> attempts,
      List<FaultWindow> faults,
      Invariants invariants,
      EventInjector injector,
      long loadStartedAt,
      long loadEndedAt) {}

  private final FaultPlatform platform;
  private final Settings settings;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000, 36);

  public ReliabilityRun(FaultPlatform platform, Settings settings) {
    this.platform = platform;
    this.settings = settings;
  }

  /**
   * Runs the load through {@code faults}; {@code injector} is the one the faults put records with.
   */
  public Outcome run(List<Fault> faults, EventInjector injector) throws Exception {
    GatewayClient developer =
        new GatewayClient(
            platform::gatewayUrls,
            platform.token("alice", List.of("/teams/" + Workload.TEAM + "/developer")));
    GatewayClient techLead =
        new GatewayClient(
            platform::gatewayUrls,
            platform.token("bob", List.of("/teams/" + Workload.TEAM + "/tech-lead")));
    GatewayClient admin =
        new GatewayClient(
            platform::gatewayUrls, platform.token("admin", List.of("/platform-admin")));
    Setup.environments(techLead, developer);

    Workload workload = new Workload(developer, techLead, runId);
    List<FaultWindow> windows = new ArrayList<>();
    long loadStartedAt = System.currentTimeMillis();
    List<Attempt> attempts;
    try (LoadDriver load =
        new LoadDriver(workload, settings.concurrency(), settings.operations(), settings.pause())) {
      Thread.sleep(settings.settle().toMillis());
      for (Fault fault : faults) {
        windows.add(oneFault(load, List.of(fault), fault.name()));
      }
      if (settings.together()) {
        windows.add(oneFault(load, together(faults), "all faults together"));
      }
      load.phase("after the faults");
      load.finish();
      attempts = load.await(Duration.ofMinutes(30));
    }
    long loadEndedAt = System.currentTimeMillis();
    if (workload.retryApprovals() > 0) {
      LOG.warn("some approvals could not be given after the faults");
    }

    Invariants invariants = new Invariants(platform, developer, admin);
    String gatewayKill = new Fault.ServiceKill("api-gateway").name();
    invariants.answers(
        attempts,
        a -> a.phase().contains(gatewayKill) || a.phase().equals("during all faults together"));
    invariants.check(
        "accepted operations end",
        () -> invariants.everyAcceptedOperationEnds(attempts, settings.terminalBound()));
    invariants.check(
        "revisions in dev",
        () -> invariants.everyDeployHasOneRevision(attempts, Workload.DEV, Workload.apps()));
    invariants.check(
        "revisions in production",
        () ->
            invariants.everyDeployHasOneRevision(
                attempts, Workload.PRODUCTION, Workload.productionApps()));
    invariants.check(
        "secret versions",
        () ->
            invariants.everySecretChangeHasOneVersion(
                attempts, workload.unansweredSecretChanges()));
    invariants.check(
        "audit", () -> invariants.auditIsCompleteOnceAndVerifies(attempts, Duration.ofMinutes(1)));
    invariants.check("processed commands", invariants::everyCommandProcessedOnce);
    if (faults.stream().anyMatch(f -> f instanceof Fault.InjectedEvents)) {
      invariants.check("dead letters", () -> invariants.deadLettersAreExactlyThePoison(injector));
    }
    return new Outcome(
        settings, attempts, windows, invariants, injector, loadStartedAt, loadEndedAt);
  }

  private FaultWindow oneFault(LoadDriver load, List<Fault> faults, String name) throws Exception {
    LOG.infof("fault: %s (%d operations done)", name, load.done());
    load.phase("during " + name);
    long injectedAt = System.currentTimeMillis();
    for (Fault fault : faults) {
      fault.inject(platform);
    }
    Thread.sleep(settings.hold().toMillis());
    long recoveryStartedAt = System.currentTimeMillis();
    for (Fault fault : faults) {
      fault.recover(platform);
    }
    long recoveredAt = System.currentTimeMillis();
    load.phase("after " + name);
    LOG.infof("recovered from %s in %d ms", name, recoveredAt - recoveryStartedAt);
    Thread.sleep(settings.settle().toMillis());
    return new FaultWindow(name, injectedAt, recoveryStartedAt, recoveredAt);
  }

  /**
   * The faults that break something at once, the servers first so that they are mended first (a
   * service restarts only once its database and broker are back). Replicas are not a fault here.
   */
  private static List<Fault> together(List<Fault> faults) {
    List<Fault> servers = new ArrayList<>();
    List<Fault> rest = new ArrayList<>();
    for (Fault fault : faults) {
      if (fault instanceof Fault.PostgresStop || fault instanceof Fault.KafkaKill) {
        servers.add(fault);
      } else if (fault instanceof Fault.KubernetesApi api
          && api.mode() != KubernetesFaultProxy.Mode.UNREACHABLE) {
        // The proxy has one mode at a time: together, the API server is unreachable.
        continue;
      } else if (!(fault instanceof Fault.SecondReplicas)) {
        rest.add(fault);
      }
    }
    servers.addAll(rest);
    return servers;
  }

  /** The run's working directory, under the module's target/. */
  public static Path workDir(Path repoRoot) {
    return repoRoot.resolve("reliability/target/run-" + System.currentTimeMillis());
  }
}
