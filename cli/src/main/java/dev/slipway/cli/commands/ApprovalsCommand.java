package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = {
      "Requests waiting for your decision (tech leads, platform admins).",
      "Exit code 3 when the gateway has no approvals routes yet."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  slipway-cli approvals", "  slipway-cli approvals -o json | jq -r '.[].id'"})
public class ApprovalsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    JsonNode list = Approvals.call(() -> cli.gateway().get(Approvals.BASE));
    cli.output().print(cli.io().out(), list, () -> Approvals.table(list));
    return ExitCode.OK;
  }
}
