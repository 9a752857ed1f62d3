package dev.slipway.cli.commands;

import dev.slipway.cli.ExitCode;
import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = "Forget the stored tokens (deletes credentials.json).",
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli logout")
public class LogoutCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    boolean deleted = cli.store().delete();
    cli.io().out().println(deleted ? "Signed out." : "Not signed in.");
    return ExitCode.OK;
  }
}
