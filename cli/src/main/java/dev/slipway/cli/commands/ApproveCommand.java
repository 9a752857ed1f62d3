package dev.slipway.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve a request waiting for you (a developer's production deploy).",
      "Not available yet: the gateway has no approvals routes (issue 8); exit code 3."
    },
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli approve 3f6c0e1e-...  --comment 'reviewed the plan'")
public class ApproveCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ID", description = "The approval (or its operation).")
  String id;

  @Option(names = "--comment", description = "Why.")
  String comment;

  @Override
  public Integer call() {
    throw NotYet.route("Approvals", "issue 8; today a tech lead deploys to production directly");
  }
}
