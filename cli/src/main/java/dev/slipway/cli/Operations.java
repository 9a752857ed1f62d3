package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;

/**
 * Commands answer 202 with an operation; this follows it on its SSE stream (a spinner on a
 * terminal) to its end and reports it. The exit code comes from the final state.
 */
public final class Operations {

  static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "REJECTED");

  private Operations() {}

  public static String path(String id) {
    return "/api/v1/operations/" + Gateway.encode(id);
  }

  /**
   * Follows the accepted command's operation unless {@code wait} is false. Stops at a final state,
   * or at PENDING_APPROVAL: an approval can take days, and {@code ops status ID --wait} resumes.
   */
  public static int follow(SlipwayCli cli, JsonNode accepted, String what, boolean wait) {
    String id = accepted.path("operationId").asText();
    PrintWriter out = cli.io().out();
    if (!wait) {
      cli.output()
          .print(
              out,
              accepted,
              () ->
                  what + ": accepted, operation " + id + "\n  slipway-cli ops status " + id + "\n");
      return ExitCode.OK;
    }
    JsonNode last = await(cli, id, what);
    cli.output().print(out, last, () -> summary(what, last));
    return ExitCode.forState(state(last));
  }

  /** Reads the operation's events until it is final (or waits for an approval). */
  public static JsonNode await(SlipwayCli cli, String id, String what) {
    JsonNode last;
    try (Spinner spinner = new Spinner(cli.io().err(), cli.io().tty()).start(what + ": PENDING")) {
      last =
          cli.gateway()
              .events(
                  path(id) + "/events",
                  event -> {
                    spinner.update(what + ": " + state(event) + detailSuffix(event));
                    return stops(state(event));
                  });
    }
    if (last == null || !stops(state(last))) {
      // The stream ended early (a proxy timeout, a restart): the operation row has the truth.
      last = cli.gateway().get(path(id));
    }
    return last;
  }

  static boolean stops(String state) {
    return FINAL.contains(state) || "PENDING_APPROVAL".equals(state);
  }

  public static String state(JsonNode operation) {
    return operation == null ? "" : operation.path("state").asText();
  }

  private static String detailSuffix(JsonNode op) {
    String detail = op.path("detail").asText("");
    return detail.isEmpty() ? "" : ": " + detail;
  }

  /** One line for the final state, then the detail, field errors, and a hint where useful. */
  public static String summary(String what, JsonNode op) {
    String state = state(op);
    StringBuilder out = new StringBuilder();
    out.append(what).append(": ").append(state);
    String detail = op.path("detail").asText("");
    if (!detail.isEmpty()) {
      out.append(" - ").append(detail);
    }
    out.append('\n');
    out.append(ProblemRenderer.fieldErrors(op.path("errors")));
    if ("PENDING_APPROVAL".equals(state)) {
      String approval = op.path("result").path("approvalId").asText("");
      if (!approval.isEmpty()) {
        out.append("  a tech lead approves it with: slipway-cli approve ")
            .append(approval)
            .append('\n');
      }
      out.append("  follow it: slipway-cli ops status ")
          .append(op.path("id").asText())
          .append(" --wait\n");
    }
    if ("FAILED".equals(state) || "REJECTED".equals(state)) {
      out.append("  operation ").append(op.path("id").asText()).append('\n');
    }
    return out.toString();
  }

  /** The whole operation, field by field, for {@code ops status}. */
  public static String describe(JsonNode op) {
    StringBuilder out = new StringBuilder();
    String[][] fields = {
      {"Operation", "id"},
      {"Type", "type"},
      {"Team", "team"},
      {"Environment", "environment"},
      {"Target", "target"},
      {"State", "state"},
      {"Detail", "detail"},
      {"Requested by", "requestedBy"},
      {"Created", "createdAt"},
      {"Updated", "updatedAt"}
    };
    int width = 0;
    for (String[] f : fields) {
      width = Math.max(width, f[0].length());
    }
    for (String[] f : fields) {
      JsonNode value = op.path(f[1]);
      if (!value.isMissingNode() && !value.isNull()) {
        out.append(f[0]).append(" ".repeat(width - f[0].length() + 2)).append(value.asText());
        out.append('\n');
      }
    }
    if (op.path("result").isObject() && !op.path("result").isEmpty()) {
      out.append("Result").append(" ".repeat(width - 4)).append(op.path("result")).append('\n');
    }
    if (op.path("errors").isArray() && !op.path("errors").isEmpty()) {
      out.append("Errors:\n").append(ProblemRenderer.fieldErrors(op.path("errors")));
    }
    return out.toString();
  }
}
