package dev.slipway.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "An app's logs. Not available yet: the gateway has no logs route (exit code 3).",
      "Until then, with access to the cluster: kubectl logs -n <team>-<env> deploy/APP -f"
    },
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli logs hello -f --env dev")
public class LogsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "APP", description = "The app.")
  String app;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep following.")
  boolean follow;

  @Option(
      names = {"-t", "--team"},
      description = "The team.")
  String team;

  @Option(
      names = {"-e", "--env"},
      description = "The environment.")
  String env;

  @Override
  public Integer call() {
    throw NotYet.route(
        "Logs",
        "planned in issue 10; meanwhile: kubectl logs -n <team>-<env> deploy/" + app + " -f");
  }
}
