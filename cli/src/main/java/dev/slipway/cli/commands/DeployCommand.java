package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.CliException;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.Operations;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploy an app spec (YAML or JSON) and follow the operation until it SUCCEEDED or FAILED.",
      "--plan shows what the deploy would do (diff against the cluster, guard rails) instead."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli deploy -f app.yaml                     # to dev of your team",
      "  slipway-cli deploy -f app.yaml --env production --plan",
      "  slipway-cli deploy -f app.yaml --env production --plan-hash 3f2a...",
      "  cat app.json | slipway-cli deploy -f - --team payments --no-wait -o json",
      "",
      "Exit codes: 0 SUCCEEDED (or waiting for an approval), 1 FAILED, or a plan",
      "that guard rails deny; 2 invalid spec (every field error is printed);",
      "4 not allowed; 5 no such environment."
    })
public class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The app spec, YAML or JSON; - reads standard input.")
  String file;

  @Option(
      names = {"-t", "--team"},
      description = "The team (default: $SLIPWAY_TEAM, else your only team).")
  String team;

  @Option(
      names = {"-e", "--env"},
      description = "The environment (default: $SLIPWAY_ENV, else dev).")
  String env;

  @Option(names = "--plan", description = "Show the plan (diff, guard rails); deploy nothing.")
  boolean plan;

  @Option(
      names = "--plan-hash",
      paramLabel = "HASH",
      description = "Deploy exactly this reviewed plan, or fail if anything changed since.")
  String planHash;

  @Option(names = "--no-wait", description = "Print the operation id and return at once.")
  boolean noWait;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    String body = read(cli);
    boolean yaml = isYaml(file, body);
    String appName = appName(body, yaml);
    String t = cli.team(team);
    String e = cli.env(env);
    String apps =
        "/api/v1/teams/" + Gateway.encode(t) + "/environments/" + Gateway.encode(e) + "/apps";
    String contentType = yaml ? "application/yaml" : "application/json";
    if (plan) {
      JsonNode result =
          cli.gateway().post(apps + "/" + Gateway.encode(appName) + "/plan", body, contentType);
      cli.output().print(cli.io().out(), result, () -> renderPlan(t, e, appName, result, file));
      return result.path("guardRails").path("allowed").asBoolean(true)
          ? ExitCode.OK
          : ExitCode.FAILED;
    }
    JsonNode accepted =
        cli.gateway().post(apps + Gateway.query("planHash", planHash), body, contentType);
    return Operations.follow(cli, accepted, "deploy " + t + "/" + e + "/" + appName, !noWait);
  }

  private String read(SlipwayCli cli) {
    if ("-".equals(file)) {
      return cli.io().readAll();
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "Cannot read " + file + ": " + e.getMessage());
    }
  }

  static boolean isYaml(String file, String body) {
    if (file.endsWith(".json")) {
      return false;
    }
    if (file.endsWith(".yaml") || file.endsWith(".yml")) {
      return true;
    }
    return !body.stripLeading().startsWith("{");
  }

  /** The app's name, for the plan route and the messages; the gateway validates the rest. */
  static String appName(String body, boolean yaml) {
    JsonNode spec;
    try {
      spec = (yaml ? Json.YAML : Json.JSON).readTree(body);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE, "The spec is not valid " + (yaml ? "YAML" : "JSON") + ".");
    }
    if (spec == null || !spec.path("name").isTextual() || spec.path("name").asText().isBlank()) {
      throw new CliException(ExitCode.USAGE, "The spec has no name (name: my-app).");
    }
    return spec.path("name").asText();
  }

  /** The plan for people: what changes per object, the diffs, the guard rails, the hash. */
  static String renderPlan(String team, String env, String app, JsonNode plan, String file) {
    StringBuilder out = new StringBuilder();
    out.append("Plan for ")
        .append(team)
        .append('/')
        .append(env)
        .append('/')
        .append(app)
        .append(" (golden path ")
        .append(plan.path("goldenPath").asText("?"))
        .append(")\n\n");
    Table objects = new Table("action", "object");
    for (JsonNode d : plan.path("diff")) {
      objects.row(
          d.path("action").asText(), d.path("kind").asText() + "/" + d.path("name").asText());
    }
    out.append(objects.render());
    for (JsonNode d : plan.path("diff")) {
      String diff = d.path("diff").asText("");
      if (!diff.isBlank() && !"unchanged".equals(d.path("action").asText())) {
        out.append('\n').append(diff);
        if (!diff.endsWith("\n")) {
          out.append('\n');
        }
      }
    }
    JsonNode rails = plan.path("guardRails");
    out.append('\n');
    if (rails.path("violations").isEmpty()) {
      out.append("Guard rails: all passed.\n");
    } else {
      out.append("Guard rails: ")
          .append(rails.path("allowed").asBoolean(true) ? "allowed, with warnings" : "DENIED")
          .append('\n');
      Table violations = new Table("severity", "rule", "field", "message");
      for (JsonNode v : rails.path("violations")) {
        violations.row(
            v.path("severity").asText(),
            v.path("rule").asText(),
            v.path("field").asText(),
            v.path("message").asText());
      }
      out.append(violations.render());
    }
    String hash = plan.path("planHash").asText("");
    if (!hash.isEmpty()) {
      out.append("\nPlan hash ").append(hash).append('\n');
      if (rails.path("allowed").asBoolean(true)) {
        out.append("Apply exactly this plan: slipway-cli deploy -f ")
            .append(file)
            .append(" --team ")
            .append(team)
            .append(" --env ")
            .append(env)
            .append(" --plan-hash ")
            .append(hash)
            .append('\n');
      }
    }
    return out.toString();
  }
}
