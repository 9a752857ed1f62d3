package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.OutputFormat;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The audit trail of your teams: every event, who, when.",
      "--follow keeps printing new records (JSON lines with -o json) until Ctrl-C."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli audit --operation 3f6c0e1e-...",
      "  slipway-cli audit --env dev --app hello --since 2026-11-25T00:00:00Z",
      "  slipway-cli audit --follow -o json | jq .type"
    })
public class AuditCommand implements Callable<Integer> {

  /** How far back each poll of --follow looks again: records arrive out of occurredAt order. */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  @Spec CommandSpec spec;

  @Option(names = "--operation", paramLabel = "ID", description = "One operation's records.")
  String operation;

  @Option(
      names = {"-t", "--team"},
      description = "Only this team.")
  String team;

  @Option(
      names = {"-e", "--env"},
      description = "Only this environment.")
  String env;

  @Option(names = "--app", description = "Only this app.")
  String app;

  @Option(names = "--type", description = "Only this event type.")
  String type;

  @Option(names = "--since", paramLabel = "INSTANT", description = "From (ISO-8601, inclusive).")
  String since;

  @Option(names = "--limit", description = "At most this many records (default: all).")
  Integer limit;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep polling for new records.")
  boolean follow;

  @Option(
      names = "--interval",
      defaultValue = "2",
      description = "Seconds between polls with --follow (default 2).")
  int interval;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    PrintWriter out = cli.io().out();
    Set<Long> seen = new HashSet<>();
    ArrayNode items = fetch(cli, since, seen);
    if (!follow) {
      JsonNode shown = limit != null && items.size() > limit ? trim(items, limit) : items;
      cli.output().print(out, Json.object().set("items", shown), () -> table(shown, true));
      return ExitCode.OK;
    }
    boolean header = true;
    Instant latest = since == null ? null : Instant.parse(since);
    while (true) {
      print(cli, out, items, header);
      header = header && items.isEmpty();
      for (JsonNode item : items) {
        Instant at = Instant.parse(item.path("occurredAt").asText());
        latest = latest == null || at.isAfter(latest) ? at : latest;
      }
      try {
        cli.sleeper().sleep(Duration.ofSeconds(interval));
      } catch (InterruptedException e) {
        // Being interrupted is how following ends when the JVM is not simply killed (Ctrl-C is).
        return ExitCode.OK;
      }
      items = fetch(cli, latest == null ? null : latest.minus(OVERLAP).toString(), seen);
    }
  }

  private void print(SlipwayCli cli, PrintWriter out, ArrayNode items, boolean header) {
    if (items.isEmpty()) {
      return;
    }
    if (cli.output() == OutputFormat.TABLE) {
      out.print(table(items, header));
    } else {
      for (JsonNode item : items) {
        out.println(
            cli.output() == OutputFormat.JSON ? item.toString() : "---\n" + Json.yaml(item));
      }
    }
    out.flush();
  }

  /** Every page after {@code from}, leaving out records already seen. */
  private ArrayNode fetch(SlipwayCli cli, String from, Set<Long> seen) {
    ArrayNode items = Json.JSON.createArrayNode();
    String cursor = null;
    do {
      JsonNode page =
          cli.gateway()
              .get(
                  "/api/v1/audit"
                      + Gateway.query(
                          "operationId", operation,
                          "team", team,
                          "environment", env,
                          "app", app,
                          "type", type,
                          "since", from,
                          "cursor", cursor));
      for (JsonNode item : page.path("items")) {
        if (seen.add(item.path("seq").asLong())) {
          items.add(item);
        }
      }
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null && (limit == null || items.size() < limit || follow));
    return items;
  }

  private static ArrayNode trim(ArrayNode items, int limit) {
    ArrayNode trimmed = Json.JSON.createArrayNode();
    for (int i = 0; i < limit; i++) {
      trimmed.add(items.get(i));
    }
    return trimmed;
  }

  static String table(JsonNode items, boolean header) {
    Table table = new Table("occurred", "type", "actor", "environment", "app", "operation");
    for (JsonNode i : items) {
      String type = i.path("type").asText();
      table.row(
          Views.text(i, "occurredAt"),
          type.startsWith("dev.slipway.") ? type.substring("dev.slipway.".length()) : type,
          Views.text(i, "actor"),
          i.path("team").isTextual()
              ? i.path("team").asText() + "/" + i.path("environment").asText("")
              : null,
          Views.text(i, "app"),
          Views.text(i, "operationId"));
    }
    if (table.isEmpty()) {
      return header ? "No audit records.\n" : "";
    }
    String text = table.render();
    return header ? text : text.substring(text.indexOf('\n') + 1);
  }
}
