package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Operations;
import dev.slipway.cli.SlipwayCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ops",
    mixinStandardHelpOptions = true,
    description = "Operations: what a command (deploy, create, clone, delete) became.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli ops status 3f6c0e1e-...",
      "  slipway-cli ops status 3f6c0e1e-... --wait   # follow it to its end",
      "  slipway-cli ops status 3f6c0e1e-... -o json | jq -r .state"
    })
public class OpsCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "An operation's state, detail, errors and result.",
        "Exit code 1 when it FAILED or was REJECTED, else 0."
      })
  int status(
      @Parameters(paramLabel = "ID", description = "The operation id.") String id,
      @Option(
              names = {"-w", "--wait"},
              description = "Follow it until it is final (or waits for approval).")
          boolean wait) {
    SlipwayCli cli = SlipwayCli.of(spec);
    JsonNode op =
        wait
            ? Operations.await(cli, id, "operation " + id)
            : cli.gateway().get(Operations.path(id));
    cli.output().print(cli.io().out(), op, () -> Operations.describe(op));
    return ExitCode.forState(Operations.state(op));
  }
}
