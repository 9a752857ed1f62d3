package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.CliException;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "costs",
    mixinStandardHelpOptions = true,
    description = {
      "The team's costs (showback) by environment, app or day, at list prices, and what the",
      "cloud bill says where one covers the period. Default: this month so far, by environment."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli costs",
      "  slipway-cli costs --month 2026-10 --by app",
      "  slipway-cli costs --by day -o json | jq '.items[] | {day, amount}'"
    })
public class CostsCommand implements Callable<Integer> {

  private static final Set<String> GROUPINGS = Set.of("env", "app", "day");

  @Spec CommandSpec spec;

  @Option(
      names = "--month",
      paramLabel = "YYYY-MM",
      description = "The month (default: this one, so far).")
  String month;

  @Option(
      names = "--by",
      paramLabel = "env|app|day",
      defaultValue = "env",
      description = "Group by environment (default), environment and app, or day.")
  String by;

  @Option(
      names = {"-t", "--team"},
      description = "The team.")
  String team;

  @Override
  public Integer call() {
    if (!GROUPINGS.contains(by)) {
      throw new CliException(ExitCode.USAGE, "--by is env, app or day, not '" + by + "'.");
    }
    SlipwayCli cli = SlipwayCli.of(spec);
    String from = null;
    String to = null;
    if (month != null) {
      YearMonth m = parse(month);
      // The running month ends today: the gateway's default, and a later day would be refused.
      if (!m.equals(YearMonth.now(cli.clock().withZone(ZoneOffset.UTC)))) {
        from = m.atDay(1).toString();
        to = m.atEndOfMonth().toString();
      }
    }
    JsonNode costs =
        cli.gateway()
            .get(
                "/api/v1/teams/"
                    + Gateway.encode(cli.team(team))
                    + "/costs"
                    + Gateway.query("from", from, "to", to, "groupBy", by));
    cli.output().print(cli.io().out(), costs, () -> table(costs));
    return ExitCode.OK;
  }

  private static YearMonth parse(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new CliException(ExitCode.USAGE, "--month is YYYY-MM, not '" + month + "'.");
    }
  }

  static String table(JsonNode costs) {
    String by = costs.path("groupBy").asText("env");
    boolean billed = costs.hasNonNull("billedTotal");
    Table table =
        by.equals("day")
            ? new Table("day", "cpu core-h", "memory GiB-h", "amount", "billed")
            : by.equals("app")
                ? new Table("environment", "app", "cpu core-h", "memory GiB-h", "amount", "billed")
                : new Table("environment", "cpu core-h", "memory GiB-h", "amount", "billed");
    for (JsonNode i : costs.path("items")) {
      String first = by.equals("day") ? Views.text(i, "day") : Views.text(i, "environment");
      String cpu = Views.text(i, "cpuCoreHours");
      String memory = Views.text(i, "memoryGibHours");
      String amount = Views.text(i, "amount");
      String billedAmount = Views.text(i, "billedAmount");
      if (by.equals("app")) {
        String app = i.path("app").asText("");
        table.row(first, app.isEmpty() ? "(environment)" : app, cpu, memory, amount, billedAmount);
      } else {
        table.row(first, cpu, memory, amount, billedAmount);
      }
    }
    String currency = costs.path("currency").asText("");
    String period = costs.path("from").asText() + " to " + costs.path("to").asText();
    String total =
        "Total "
            + costs.path("team").asText()
            + ", "
            + period
            + ": "
            + costs.path("total").asText("0")
            + " "
            + currency
            + (billed
                ? " (billed: " + costs.path("billedTotal").asText() + " " + currency + ")"
                : "")
            + "\n";
    return (table.isEmpty() ? "No costs in this period.\n" : table.render()) + total;
  }
}
