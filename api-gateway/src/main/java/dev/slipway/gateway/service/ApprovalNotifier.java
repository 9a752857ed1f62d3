package dev.slipway.gateway.service;

import dev.slipway.events.EventJson;
import dev.slipway.gateway.config.ApprovalsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Tells a chat channel (any incoming-webhook URL: Slack, Mattermost, Teams) that an approval was
 * requested or decided. Best effort, after the change committed: a chat outage never blocks or
 * undoes an approval, and is logged.
 */
@ApplicationScoped
public class ApprovalNotifier {

  private static final Logger LOG = Logger.getLogger(ApprovalNotifier.class);

  private final ApprovalsConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApprovalNotifier(ApprovalsConfig config) {
    this.config = config;
  }

  public void notify(String event, ApprovalView approval) {
    if (config.notifyUrl().isEmpty()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text(event, approval));
    body.put("event", event);
    body.put("approval", approval.withoutSpec());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.notifyUrl().get()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    EventJson.mapper().valueToTree(body).toString()))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              if (failure != null || response.statusCode() >= 300) {
                LOG.warnf(
                    "approval %s: the chat notification (%s) failed: %s",
                    approval.id(),
                    event,
                    failure != null ? failure.toString() : "HTTP " + response.statusCode());
              }
            });
  }

  /** "; +12.5000 USD a month": the reviewed plan's cost delta, when cost-service estimated it. */
  private static String monthlyCost(ApprovalView a) {
    var estimate = a.costEstimate();
    if (estimate == null || !estimate.path("available").asBoolean(false)) {
      return "";
    }
    var delta = estimate.path("monthlyDelta").decimalValue();
    return "; "
        + (delta.signum() >= 0 ? "+" : "")
        + delta.toPlainString()
        + " "
        + estimate.path("currency").asText()
        + " a month";
  }

  static String text(String event, ApprovalView a) {
    String what = a.action() + " of " + a.team() + "/" + a.environment() + "/" + a.target();
    return switch (event) {
      case "approval.requested" ->
          a.requestedBy()
              + " asks for approval: "
              + what
              + (a.planHash() == null ? "" : " (plan " + a.planHash().substring(0, 12) + ")")
              + monthlyCost(a)
              + "; approval id "
              + a.id();
      case "approval.granted" -> a.decidedBy() + " approved " + what + " (" + a.channel() + ")";
      default ->
          (a.decidedBy() == null ? "Slipway" : a.decidedBy())
              + " rejected "
              + what
              + (a.reason() == null ? "" : ": " + a.reason());
    };
  }
}
