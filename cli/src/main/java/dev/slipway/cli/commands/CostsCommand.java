package dev.slipway.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "costs",
    mixinStandardHelpOptions = true,
    description = {
      "The team's costs by environment and app.",
      "Not available yet: the gateway has no costs route and cost-service no API (issue 9);",
      "exit code 3."
    },
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli costs --month 2026-11 -o json")
public class CostsCommand implements Callable<Integer> {

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: this one).")
  String month;

  @Option(
      names = {"-t", "--team"},
      description = "The team.")
  String team;

  @Override
  public Integer call() {
    throw NotYet.route("Costs", "issue 9");
  }
}
