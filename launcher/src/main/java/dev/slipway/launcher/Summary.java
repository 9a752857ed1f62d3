package dev.slipway.launcher;

import dev.slipway.launcher.keycloak.DemoUser;
import java.nio.file.Path;
import java.util.List;

/** What the developer reads once everything is up: where things are and one deploy to copy. */
final class Summary {
  private Summary() {}

  record Facts(
      String total,
      String gatewayUrl,
      String issuer,
      boolean keycloak,
      String keycloakUrl,
      String kubernetes,
      Path kubeconfig,
      Path devEnv,
      Path logDir,
      String demoPassword,
      List<String> seeded,
      boolean jq) {}

  static String render(Facts facts) {
    StringBuilder text = new StringBuilder();
    text.append("\nSlipway is up in ").append(facts.total()).append(".\n\n");
    text.append("  Gateway      ")
        .append(facts.gatewayUrl())
        .append("   (API docs: ")
        .append(facts.gatewayUrl())
        .append("/q/swagger-ui)\n");
    text.append("  Console      ")
        .append(facts.gatewayUrl())
        .append("/console/   (sign in as a demo user below)\n");
    if (facts.keycloak()) {
      text.append("  Keycloak     ")
          .append(facts.keycloakUrl())
          .append("  (realm slipway; admin console ")
          .append(facts.keycloakUrl())
          .append("/admin as keycloak-admin)\n");
    } else {
      text.append("  OIDC issuer  ").append(facts.issuer()).append('\n');
    }
    text.append("  Kubernetes   ").append(facts.kubernetes()).append('\n');
    text.append("  kubeconfig   ").append(facts.kubeconfig()).append('\n');
    text.append("  Settings     ").append(facts.devEnv()).append("   (source it in a shell)\n");
    text.append("  Logs         ").append(facts.logDir()).append('\n');
    if (!facts.seeded().isEmpty()) {
      text.append("  Environments ").append(String.join(", ", facts.seeded())).append('\n');
    }
    if (facts.keycloak()) {
      text.append("\nDemo logins, password ").append(facts.demoPassword()).append(":\n");
      for (DemoUser user : DemoUser.ALL) {
        text.append(String.format("  %-6s %s%n", user.username(), user.role()));
      }
    }
    text.append("\nTry it (in another terminal):\n\n");
    text.append(example(facts)).append('\n');
    text.append("Ctrl-C stops everything; data stays in ")
        .append(facts.devEnv().getParent())
        .append(" for the next start.\n");
    return text.toString();
  }

  /** Copy-paste shell: each line works on its own once dev.env is sourced. */
  static String example(Facts facts) {
    String accessToken =
        facts.jq() ? "jq -r .access_token" : "sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/'";
    String operationId =
        facts.jq() ? "jq -r .operationId" : "sed -E 's/.*\"operationId\":\"([^\"]+)\".*/\\1/'";
    return String.join(
        "\n",
        "  source " + facts.devEnv(),
        "  TOKEN=$(curl -s \"$SLIPWAY_OIDC_ISSUER/protocol/openid-connect/token\" -d grant_type=password \\",
        "      -d client_id=\"$SLIPWAY_OIDC_CLIENT_ID\" -d username=alice -d password=\"$SLIPWAY_DEMO_PASSWORD\" | "
            + accessToken
            + ")",
        "  OP=$(curl -s \"$SLIPWAY_URL/api/v1/teams/payments/environments/dev/apps\" \\",
        "      -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\",
        "      -d '{\"name\":\"hello\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}' | "
            + operationId
            + ")",
        "  curl -sN \"$SLIPWAY_URL/api/v1/operations/$OP/events\" -H \"Authorization: Bearer $TOKEN\"",
        "  curl -s \"$SLIPWAY_URL/api/v1/audit?operationId=$OP\" -H \"Authorization: Bearer $TOKEN\"; echo",
        "  kubectl --kubeconfig \"$KUBECONFIG\" get deploy,svc,hpa,pdb,networkpolicy -n payments-dev",
        "");
  }
}
