package dev.slipway.cli.commands;

import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = {
      "Reject a request waiting for you; its operation ends REJECTED.",
      "Exit code 3 when the gateway has no approvals routes yet."
    },
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli reject 3f6c0e1e-... --reason 'not during the freeze'")
public class RejectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The approval request.")
  String id;

  @Option(names = "--reason", description = "Why; kept in the audit trail.")
  String reason;

  @Override
  public Integer call() {
    return Approvals.decide(SlipwayCli.of(spec), id, false, reason, false);
  }
}
