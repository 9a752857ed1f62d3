package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.OutputFormat;
import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "An app's logs: the last lines of every pod, merged, each with its pod/container prefix.",
      "-f keeps printing new lines as they are written (until Ctrl-C, or the gateway's limit).",
      "With -o json: the gateway's answer; with -f, one JSON line per log line."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli logs hello --env dev --tail 50 --since 10m --grep ERROR",
      "  slipway-cli logs hello -f --container hello",
      "  slipway-cli logs hello -o json | jq -r '.lines[].message'"
    })
public class LogsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

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
      description = "The environment (default: $SLIPWAY_ENV, else dev).")
  String env;

  @Option(names = "--tail", paramLabel = "N", description = "Lines (default 100).")
  Integer tail;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "Only lines newer than this (10m, 2h).")
  String since;

  @Option(names = "--grep", paramLabel = "TEXT", description = "Only lines containing TEXT.")
  String grep;

  @Option(names = "--regex", paramLabel = "REGEX", description = "Only lines matching REGEX.")
  String regex;

  @Option(names = "--pod", description = "Only this pod.")
  String pod;

  @Option(names = "--container", description = "Only this container.")
  String container;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    String path =
        "/api/v1/teams/"
            + Gateway.encode(cli.team(team))
            + "/environments/"
            + Gateway.encode(cli.env(env))
            + "/apps/"
            + Gateway.encode(app)
            + "/logs"
            + (follow ? "/follow" : "")
            + Gateway.query(
                "tail", tail,
                "since", since,
                "grep", grep,
                "regex", regex,
                "pod", pod,
                "container", container);
    PrintWriter out = cli.io().out();
    if (follow) {
      cli.gateway()
          .events(
              path,
              line -> {
                print(cli.output(), out, line);
                out.flush();
                return false;
              });
      return ExitCode.OK;
    }
    JsonNode logs = cli.gateway().get(path);
    cli.output().print(out, logs, () -> text(logs.path("lines")));
    return ExitCode.OK;
  }

  private static void print(OutputFormat format, PrintWriter out, JsonNode line) {
    switch (format) {
      case TABLE -> out.println(line.path("line").asText());
      case JSON -> out.println(line.toString());
      case YAML -> out.print("---\n" + Json.yaml(line));
    }
  }

  static String text(JsonNode lines) {
    StringBuilder text = new StringBuilder();
    for (JsonNode line : lines) {
      text.append(line.path("line").asText()).append('\n');
    }
    return text.toString();
  }
}
