package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.CliException;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = {
      "Secrets of an environment: list, set, rotate, versions.",
      "Values are read from standard input (or --from-literal) and never printed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli secret list --env dev",
      "  slipway-cli secret set db --key password   # the value from stdin, no echo",
      "  slipway-cli secret set db < db.env         # KEY=VALUE lines",
      "  slipway-cli secret set api --from-literal token=abc123   # in shell history!",
      "  slipway-cli secret rotate db-credentials"
    })
public class SecretCommand {

  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--team"},
      scope = ScopeType.INHERIT,
      description = "The team (default: $SLIPWAY_TEAM, else your only team).")
  String team;

  @Option(
      names = {"-e", "--env"},
      scope = ScopeType.INHERIT,
      description = "The environment (default: $SLIPWAY_ENV, else dev).")
  String env;

  private SlipwayCli cli() {
    return SlipwayCli.of(spec);
  }

  private String base() {
    SlipwayCli cli = cli();
    return "/api/v1/teams/"
        + Gateway.encode(cli.team(team))
        + "/environments/"
        + Gateway.encode(cli.env(env))
        + "/secrets";
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Names, keys, versions and rotation; never values.")
  int list() {
    SlipwayCli cli = cli();
    JsonNode list = cli.gateway().get(base());
    cli.output().print(cli.io().out(), list, () -> table(list));
    return ExitCode.OK;
  }

  static String table(JsonNode list) {
    Table table = new Table("name", "keys", "version", "rotation", "next rotation", "used by");
    for (JsonNode s : list) {
      JsonNode rotation = s.path("rotation");
      String every =
          rotation.path("everyDays").isInt()
              ? "every " + rotation.path("everyDays").asInt() + "d"
              : Views.text(rotation, "cron");
      table.row(
          Views.text(s, "name"),
          String.join(",", strings(s.path("keys"))),
          Views.text(s, "version"),
          every,
          Views.text(s, "nextRotationAt"),
          String.join(",", strings(s.path("referencedBy"))));
    }
    return table.isEmpty() ? "No secrets.\n" : table.render();
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Create the secret, or give it new values (a new version with exactly these keys).",
        "Values: --key K reads one value from standard input (no echo on a terminal);",
        "--from-literal K=V (repeatable); else KEY=VALUE lines from standard input."
      })
  int set(
      @Parameters(paramLabel = "NAME", description = "The secret.") String name,
      @Option(names = "--key", paramLabel = "KEY", description = "One key; its value from stdin.")
          String key,
      @Option(
              names = "--from-literal",
              paramLabel = "KEY=VALUE",
              description = "A key and its value (visible in shell history).")
          List<String> literals) {
    SlipwayCli cli = cli();
    Map<String, String> values = values(cli, key, literals);
    ObjectNode valuesNode = Json.object();
    values.forEach(valuesNode::put);
    ObjectNode create = Json.object().put("name", name);
    create.set("values", valuesNode);
    JsonNode view;
    String action;
    try {
      view = cli.gateway().post(base(), create);
      action = "created";
    } catch (CliException e) {
      if (e.problem() == null || e.problem().path("status").asInt() != 409) {
        throw e;
      }
      ObjectNode update = Json.object();
      update.set("values", valuesNode);
      view = cli.gateway().put(base() + "/" + Gateway.encode(name), update);
      action = "updated";
    }
    JsonNode shown = view;
    String done = action;
    cli.output()
        .print(
            cli.io().out(),
            shown,
            () ->
                "Secret "
                    + name
                    + " "
                    + done
                    + ": version "
                    + shown.path("version").asText("?")
                    + ", keys "
                    + String.join(", ", strings(shown.path("keys")))
                    + "\n");
    return ExitCode.OK;
  }

  static Map<String, String> values(SlipwayCli cli, String key, List<String> literals) {
    Map<String, String> values = new LinkedHashMap<>();
    if (key != null) {
      String value = cli.io().readSecret("Value of " + key + ": ");
      if (value == null || value.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "No value for " + key + " on standard input.");
      }
      values.put(key, value);
    }
    if (literals != null) {
      for (String literal : literals) {
        int eq = literal.indexOf('=');
        if (eq <= 0) {
          // Never echo the argument: it holds a value.
          throw new CliException(ExitCode.USAGE, "--from-literal takes KEY=VALUE.");
        }
        values.put(literal.substring(0, eq), literal.substring(eq + 1));
      }
    }
    if (values.isEmpty()) {
      if (cli.io().tty()) {
        cli.io().err().println("Enter KEY=VALUE lines, then Ctrl-D:");
      }
      int line = 0;
      for (String text = cli.io().readLine(); text != null; text = cli.io().readLine()) {
        line++;
        if (text.isBlank() || text.trim().startsWith("#")) {
          continue;
        }
        int eq = text.indexOf('=');
        if (eq <= 0) {
          throw new CliException(
              ExitCode.USAGE, "Line " + line + " of standard input is not KEY=VALUE.");
        }
        values.put(text.substring(0, eq).trim(), text.substring(eq + 1));
      }
    }
    if (values.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE, "No values: give --key, --from-literal, or KEY=VALUE lines on stdin.");
    }
    return values;
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = "New generated values for the keys its rotation policy names, now.")
  int rotate(@Parameters(paramLabel = "NAME") String name) {
    SlipwayCli cli = cli();
    JsonNode view =
        cli.gateway().post(base() + "/" + Gateway.encode(name) + "/rotate", Json.object());
    cli.output()
        .print(
            cli.io().out(),
            view,
            () ->
                "Secret " + name + " rotated: version " + view.path("version").asText("?") + "\n");
    return ExitCode.OK;
  }

  @Command(name = "versions", mixinStandardHelpOptions = true, description = "The version history.")
  int versions(@Parameters(paramLabel = "NAME") String name) {
    SlipwayCli cli = cli();
    JsonNode list = cli.gateway().get(base() + "/" + Gateway.encode(name) + "/versions");
    cli.output()
        .print(
            cli.io().out(),
            list,
            () -> {
              if (!list.isArray() || list.isEmpty()) {
                return "No versions.\n";
              }
              List<String> columns = new ArrayList<>();
              list.get(0).fieldNames().forEachRemaining(columns::add);
              Table table = new Table(columns.toArray(String[]::new));
              for (JsonNode v : list) {
                table.row(columns.stream().map(c -> (Object) Views.text(v, c)).toArray());
              }
              return table.render();
            });
    return ExitCode.OK;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
