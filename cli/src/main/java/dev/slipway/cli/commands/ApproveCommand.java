package dev.slipway.cli.commands;

import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve a request waiting for you (for example a developer's production deploy).",
      "--wait then follows the operation it releases. Exit code 3 when the gateway has no",
      "approvals routes yet; 4 when you may not decide it (your own request, not a tech lead)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli approvals",
      "  slipway-cli approve 3f6c0e1e-... --reason 'plan reviewed' --wait"
    })
public class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The approval request (see: slipway-cli approvals).")
  String id;

  @Option(names = "--reason", description = "Why; kept in the audit trail.")
  String reason;

  @Option(
      names = {"-w", "--wait"},
      description = "Follow the released operation to its end.")
  boolean wait;

  @Override
  public Integer call() {
    return Approvals.decide(SlipwayCli.of(spec), id, true, reason, wait);
  }
}
