package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

  @Test
  void everyCommandsHelpFormatsWithoutPicocliWarnings() {
    SlipwayCli root =
        new SlipwayCli(
            new Io(
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                false),
            Clock.systemUTC(),
            d -> {});
    PrintStream original = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    // picocli reports a footer it cannot format (a bare % in "printf %s") on System.err.
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      check(SlipwayCli.commandLine(root));
    } finally {
      System.setErr(original);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static void check(CommandLine command) {
    assertThat(command.getUsageMessage()).as(command.getCommandName()).contains("Usage:");
    command.getSubcommands().values().forEach(HelpTest::check);
  }
}
