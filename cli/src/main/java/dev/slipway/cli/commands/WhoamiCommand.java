package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.Credentials;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Who is signed in, with which teams and roles (read from the stored token).",
    footerHeading = "%nExamples:%n",
    footer = "  slipway-cli whoami -o json")
public class WhoamiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    Credentials credentials = cli.gateway().credentials();
    ObjectNode view = Json.object();
    view.put("username", credentials.claims().path("preferred_username").asText(null));
    view.set("groups", credentials.claims().path("groups"));
    view.put("issuer", credentials.issuer());
    view.put("expiresAt", String.valueOf(credentials.expiresAt()));
    cli.output()
        .print(
            cli.io().out(),
            view,
            () ->
                view.path("username").asText("?")
                    + "  "
                    + String.join(" ", groups(view.path("groups")))
                    + "\n");
    return ExitCode.OK;
  }

  private static java.util.List<String> groups(com.fasterxml.jackson.databind.JsonNode node) {
    java.util.List<String> groups = new java.util.ArrayList<>();
    node.forEach(g -> groups.add(g.asText()));
    return groups;
  }
}
