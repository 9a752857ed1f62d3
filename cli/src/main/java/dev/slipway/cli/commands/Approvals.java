package dev.slipway.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.CliException;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Gateway;
import dev.slipway.cli.Json;
import dev.slipway.cli.Operations;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.Table;
import java.util.function.Supplier;

/**
 * Approval requests ({@code /api/v1/approvals}): list, approve, reject. A gateway without these
 * routes (before issue 8) answers as for an unknown route: exit 3.
 */
final class Approvals {

  static final String BASE = "/api/v1/approvals";

  private Approvals() {}

  static JsonNode call(Supplier<JsonNode> call) {
    try {
      return call.get();
    } catch (CliException e) {
      if (NotYet.missingRoute(e)) {
        throw NotYet.route("Approvals", "issue 8");
      }
      throw e;
    }
  }

  static String table(JsonNode list) {
    Table table =
        new Table("id", "action", "target", "requested by", "state", "expires", "operation");
    for (JsonNode a : list) {
      table.row(
          Views.text(a, "id"),
          Views.text(a, "action"),
          Views.text(a, "target"),
          Views.text(a, "requestedBy"),
          Views.text(a, "state"),
          Views.text(a, "expiresAt"),
          Views.text(a, "operationId"));
    }
    return table.isEmpty() ? "Nothing waits for you.\n" : table.render();
  }

  /** Approves or rejects; with {@code wait}, follows the operation the decision released. */
  static int decide(SlipwayCli cli, String id, boolean approve, String reason, boolean wait) {
    String verb = approve ? "approve" : "reject";
    JsonNode view =
        call(
            () ->
                cli.gateway()
                    .post(
                        BASE + "/" + Gateway.encode(id) + "/" + verb,
                        Json.object().put("reason", reason)));
    String operation = Views.text(view, "operationId");
    if (wait && approve && operation != null) {
      cli.io()
          .err()
          .println(
              "Approved " + view.path("action").asText("") + " " + view.path("target").asText(""));
      JsonNode op = Operations.await(cli, operation, view.path("target").asText("operation"));
      cli.output()
          .print(cli.io().out(), op, () -> Operations.summary(op.path("target").asText(), op));
      return ExitCode.forState(Operations.state(op));
    }
    cli.output()
        .print(
            cli.io().out(),
            view,
            () ->
                (approve ? "Approved " : "Rejected ")
                    + view.path("action").asText("")
                    + " "
                    + view.path("target").asText("")
                    + " (requested by "
                    + view.path("requestedBy").asText("?")
                    + ")"
                    + (operation == null ? "" : "\n  slipway-cli ops status " + operation)
                    + "\n");
    return ExitCode.OK;
  }
}
