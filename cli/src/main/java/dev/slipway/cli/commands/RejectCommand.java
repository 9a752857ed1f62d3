package dev.slipway.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = {
      "Reject a request waiting for you; its operation ends REJECTED.",
      "Not available yet: the gateway has no approvals routes (issue 8); exit code 3."
    },
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli reject 3f6c0e1e-... --comment 'not during the freeze'")
public class RejectCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ID", description = "The approval (or its operation).")
  String id;

  @Option(names = "--comment", description = "Why.")
  String comment;

  @Override
  public Integer call() {
    throw NotYet.route("Approvals", "issue 8");
  }
}
