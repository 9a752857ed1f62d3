package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.Operations;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
    name = "apps",
    mixinStandardHelpOptions = true,
    description = "Apps of an environment: list, show (the effective spec), revisions, rollback.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli apps list --env dev",
      "  slipway-cli apps show hello -o yaml",
      "  slipway-cli apps revisions hello",
      "  slipway-cli apps rollback hello --revision 2"
    })
public class AppsCommand {

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
        + "/apps";
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The apps and status.")
  int list() {
    SlipwayCli cli = cli();
    JsonNode apps = cli.gateway().get(base());
    cli.output().print(cli.io().out(), apps, () -> table(apps));
    return ExitCode.OK;
  }

  static String table(JsonNode apps) {
    Table table = new Table("name", "revision", "status", "golden path", "image", "updated");
    for (JsonNode a : apps) {
      table.row(
          Views.text(a, "name"),
          Views.text(a, "revision"),
          Views.text(a, "status"),
          Views.text(a, "goldenPath"),
          a.path("effectiveSpec").path("image").asText(a.path("spec").path("image").asText(null)),
          Views.text(a, "updatedAt"));
    }
    return table.isEmpty() ? "No apps.\n" : table.render();
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "An app: status, and its effective spec (what the golden path filled in).")
  int show(@Parameters(paramLabel = "APP") String app) {
    SlipwayCli cli = cli();
    JsonNode view = cli.gateway().get(base() + "/" + Gateway.encode(app));
    cli.output()
        .print(
            cli.io().out(),
            view,
            () ->
                table(Json.JSON.createArrayNode().add(view))
                    + (view.path("statusDetail").isTextual()
                        ? "\n" + view.path("statusDetail").asText() + "\n"
                        : "")
                    + "\nEffective spec:\n"
                    + Json.yaml(view.path("effectiveSpec")));
    return ExitCode.OK;
  }

  @Command(
      name = "revisions",
      mixinStandardHelpOptions = true,
      description = "History, newest first.")
  int revisions(@Parameters(paramLabel = "APP") String app) {
    SlipwayCli cli = cli();
    JsonNode list = cli.gateway().get(base() + "/" + Gateway.encode(app) + "/revisions");
    cli.output()
        .print(
            cli.io().out(),
            list,
            () -> {
              Table table =
                  new Table("revision", "image", "by", "at", "golden path", "rollback of");
              for (JsonNode r : list) {
                table.row(
                    Views.text(r, "number"),
                    Views.text(r, "image"),
                    Views.text(r, "requestedBy"),
                    Views.text(r, "createdAt"),
                    Views.text(r, "goldenPath"),
                    Views.text(r, "rollbackOf"));
              }
              return table.render();
            });
    return ExitCode.OK;
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Re-apply an earlier revision as a new one, and follow it.")
  int rollback(
      @Parameters(paramLabel = "APP") String app,
      @Option(names = "--revision", required = true, description = "The revision to go back to.")
          int revision,
      @Option(names = "--no-wait", description = "Return once accepted.") boolean noWait) {
    SlipwayCli cli = cli();
    JsonNode accepted =
        cli.gateway()
            .post(
                base() + "/" + Gateway.encode(app) + "/rollback",
                Json.object().put("revision", revision));
    return Operations.follow(
        cli,
        accepted,
        "rollback " + cli.team(team) + "/" + cli.env(env) + "/" + app + " to " + revision,
        !noWait);
  }
}
