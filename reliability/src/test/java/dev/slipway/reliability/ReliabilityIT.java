package dev.slipway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's suite over the services as processes: the load runs through the gateway while each
 * fault happens once (the short form), or, with {@code -Dreliability.form=long}, with at least
 * 1,000 operations and all faults together at the end. The fault matrix is written to
 * reliability/target/reliability-report.md.
 */
class ReliabilityIT {

  @Test
  void nothingAcceptedIsLostOrAppliedTwiceWhateverBreaks() throws Exception {
    boolean longForm = "long".equals(System.getProperty("reliability.form"));
    var settings =
        longForm ? ReliabilityRun.Settings.longForm() : ReliabilityRun.Settings.shortForm();
    Path repoRoot = Platform.repoRoot();
    Path workDir = ReliabilityRun.workDir(repoRoot);
    try (FaultPlatform platform = FaultPlatform.start(repoRoot, workDir)) {
      var injector = new EventInjector(platform.kafkaBootstrap(), "it");
      List<Fault> faults = new ArrayList<>();
      for (String service : FaultPlatform.SERVICES) {
        faults.add(new Fault.ServiceKill(service, FaultPlatform.APPLYING.get(service)));
      }
      faults.add(new Fault.KafkaKill());
      faults.add(new Fault.PostgresStop());
      for (var mode : KubernetesFaultProxy.Mode.values()) {
        if (mode != KubernetesFaultProxy.Mode.PASS) {
          faults.add(new Fault.KubernetesApi(mode));
        }
      }
      faults.add(new Fault.InjectedEvents(injector));
      // The short form doubles the gateway and the two command consumers; the long form all five.
      faults.add(
          new Fault.SecondReplicas(
              longForm
                  ? FaultPlatform.SERVICES
                  : List.of("api-gateway", "deploy-service", "environment-service")));
      var outcome = new ReliabilityRun(platform, settings).run(faults, injector);
      String report = FaultMatrix.markdown(outcome);
      Files.writeString(repoRoot.resolve("reliability/target/reliability-report.md"), report);
      System.out.println(report);

      assertThat(outcome.attempts()).hasSizeGreaterThanOrEqualTo(settings.operations());
      assertThat(outcome.attempts()).anyMatch(Attempt::async);
      assertThat(outcome.invariants().violations()).isEmpty();
    }
  }
}
