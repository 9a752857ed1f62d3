package dev.slipway.cli.commands;

import dev.slipway.cli.ExitCode;
import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a completion script for bash (zsh loads it through bashcompinit).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(slipway-cli completion bash)",
      "  slipway-cli completion bash > /etc/bash_completion.d/slipway-cli"
    })
public class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Completion is for bash or zsh, not " + shell + ".");
    }
    SlipwayCli cli = SlipwayCli.of(spec);
    CommandLine root = spec.root().commandLine();
    cli.io().out().print(AutoComplete.bash("slipway-cli", root));
    cli.io().out().flush();
    return ExitCode.OK;
  }
}
