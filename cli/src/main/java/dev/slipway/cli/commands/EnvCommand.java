package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.CliException;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.Operations;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "A team's environments: list, show, create, clone, delete.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli env list",
      "  slipway-cli env create qa --kind staging",
      "  slipway-cli env clone dev pr-42 --kind preview --replicas 1 \\",
      "      --host '{app}.pr-42.example.com'",
      "  slipway-cli env delete pr-42 --yes"
    })
public class EnvCommand {

  @Spec CommandSpec spec;

  @Option(
      names = {"-t", "--team"},
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The team (default: $SLIPWAY_TEAM, else your only team).")
  String team;

  private SlipwayCli cli() {
    return SlipwayCli.of(spec);
  }

  private String base() {
    return "/api/v1/teams/" + Gateway.encode(cli().team(team)) + "/environments";
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The team's environments: kind, status, apps, age, expiry.",
      footerHeading = "%nExamples:%n",
      footer = {"  slipway-cli env list", "  slipway-cli env list --team search -o json"})
  int list() {
    SlipwayCli cli = cli();
    JsonNode list = cli.gateway().get(base());
    cli.output().print(cli.io().out(), list, () -> table(list, cli.clock().instant()));
    return ExitCode.OK;
  }

  static String table(JsonNode list, Instant now) {
    Table table = new Table("name", "kind", "status", "apps", "age", "expires", "cloned from");
    for (JsonNode e : list) {
      table.row(
          Views.text(e, "name"),
          Views.text(e, "kind"),
          Views.text(e, "status"),
          Views.text(e, "apps"),
          Views.age(Views.text(e, "age")),
          e.path("expiresAt").isTextual() ? Views.until(e.path("expiresAt"), now) : "never",
          Views.text(e, "clonedFrom"));
    }
    return table.isEmpty() ? "No environments.\n" : table.render();
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One environment.",
      footerHeading = "%nExamples:%n",
      footer = "  slipway-cli env show dev -o yaml")
  int show(@Parameters(paramLabel = "NAME", description = "The environment.") String name) {
    SlipwayCli cli = cli();
    JsonNode env = cli.gateway().get(base() + "/" + Gateway.encode(name));
    cli.output()
        .print(
            cli.io().out(),
            env,
            () -> table(Json.JSON.createArrayNode().add(env), cli.clock().instant()));
    return ExitCode.OK;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an environment (a namespace <team>-<name> with the team's standards).",
      footerHeading = "%nExamples:%n",
      footer = {
        "  slipway-cli env create qa --kind staging",
        "  slipway-cli env create tmp --no-wait"
      })
  int create(
      @Parameters(paramLabel = "NAME", description = "The new environment.") String name,
      @Option(
              names = {"-k", "--kind"},
              defaultValue = "development",
              description = "production, staging, development (default) or preview.")
          String kind,
      @Option(names = "--no-wait", description = "Return once accepted.") boolean noWait) {
    SlipwayCli cli = cli();
    ObjectNode body = Json.object().put("name", name).put("kind", kind);
    JsonNode accepted = cli.gateway().post(base(), body);
    return Operations.follow(
        cli, accepted, "create environment " + cli.team(team) + "/" + name, !noWait);
  }

  @Command(
      name = "clone",
      mixinStandardHelpOptions = true,
      description = {
        "Clone an environment: every app of SOURCE, with overrides, into a new environment.",
        "Secrets are copied by name and key; production values never leave production."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  slipway-cli env clone dev pr-42 --kind preview",
        "  slipway-cli env clone production load-test --kind staging \\",
        "      --preset small --replicas 2"
      })
  int cloneEnvironment(
      @Parameters(index = "0", paramLabel = "SOURCE", description = "The environment to copy.")
          String source,
      @Parameters(index = "1", paramLabel = "NAME", description = "The new environment.")
          String name,
      @Option(
              names = {"-k", "--kind"},
              defaultValue = "development",
              description = "Kind of the new environment (default development).")
          String kind,
      @Option(names = "--replicas", description = "Replicas of every app.") Integer replicas,
      @Option(names = "--preset", description = "Resources preset: small, medium or large.")
          String preset,
      @Option(names = "--host", description = "Ingress host; {app} stands for each app's name.")
          String host,
      @Option(names = "--no-wait", description = "Return once accepted.") boolean noWait) {
    SlipwayCli cli = cli();
    ObjectNode overrides = Json.object();
    if (replicas != null) {
      overrides.put("replicas", replicas);
    }
    if (preset != null) {
      overrides.set("resources", Json.object().put("preset", preset));
    }
    if (host != null) {
      overrides.put("host", host);
    }
    ObjectNode body = Json.object().put("name", name).put("kind", kind);
    body.set("overrides", overrides);
    JsonNode accepted = cli.gateway().post(base() + "/" + Gateway.encode(source) + "/clone", body);
    String t = cli.team(team);
    return Operations.follow(
        cli, accepted, "clone " + t + "/" + source + " to " + t + "/" + name, !noWait);
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an environment and everything in it.",
      footerHeading = "%nExamples:%n",
      footer = {"  slipway-cli env delete pr-42 --yes"})
  int delete(
      @Parameters(paramLabel = "NAME", description = "The environment.") String name,
      @Option(
              names = {"-y", "--yes"},
              description = "Do not ask (needed when not on a terminal).")
          boolean yes,
      @Option(names = "--no-wait", description = "Return once accepted.") boolean noWait) {
    SlipwayCli cli = cli();
    String t = cli.team(team);
    if (!yes) {
      if (!cli.io().tty()) {
        throw new CliException(
            ExitCode.USAGE, "Deleting " + t + "/" + name + " needs --yes when not on a terminal.");
      }
      cli.io().err().print("Delete " + t + "/" + name + " and every app in it? Type its name: ");
      cli.io().err().flush();
      String answer = cli.io().readLine();
      if (!name.equals(answer == null ? null : answer.trim())) {
        cli.io().err().println("Not deleted.");
        return ExitCode.USAGE;
      }
    }
    JsonNode accepted = cli.gateway().delete(base() + "/" + Gateway.encode(name));
    return Operations.follow(cli, accepted, "delete environment " + t + "/" + name, !noWait);
  }
}
