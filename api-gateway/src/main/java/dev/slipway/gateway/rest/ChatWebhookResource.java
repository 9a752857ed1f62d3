package dev.slipway.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.config.ApprovalsConfig;
import dev.slipway.gateway.domain.ChatSignatures;
import dev.slipway.gateway.service.ApprovalService;
import dev.slipway.gateway.service.MappedUsers;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Approve and reject buttons of a chat bot (Slack interactivity, or any bot that signs the same
 * way). No bearer token: the Slack-style signature over timestamp and body is the authentication
 * (401 otherwise, nothing done); the chat user must be mapped to a Slipway user in {@code
 * slipway.approvals.chat.users}, whose groups decide as a token's would.
 *
 * <p>Body: Slack's form {@code payload=<json>} or the same JSON directly: {@code {"user": {"id":
 * "U0123"}, "actions": [{"action_id": "approve" | "reject", "value": "<approval id>"}]}}.
 */
@Path("/api/v1/webhooks/chat")
@PermitAll
public class ChatWebhookResource {

  private static final Logger LOG = Logger.getLogger(ChatWebhookResource.class);

  private final ApprovalsConfig config;
  private final ApprovalService approvals;
  private final MappedUsers users;

  public ChatWebhookResource(ApprovalsConfig config, ApprovalService approvals, MappedUsers users) {
    this.config = config;
    this.approvals = approvals;
    this.users = users;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Map<String, Object>> receive(
      byte[] body,
      @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
      @HeaderParam("X-Slack-Signature") String signature) {
    var chat = config.chat();
    if (!ChatSignatures.valid(
        chat.signingSecret().orElse(null),
        body,
        timestamp,
        signature,
        Instant.now(),
        chat.replayWindow())) {
      LOG.warn("chat webhook refused: bad signature or a timestamp outside the replay window");
      throw new ProblemException(
          Problem.of(401, "Unauthorized", "bad chat signature or a stale request"));
    }
    JsonNode payload = payload(body);
    String userId = payload.path("user").path("id").asText(null);
    JsonNode action = payload.path("actions").path(0);
    String verb = action.path("action_id").asText("");
    String approvalId = action.path("value").asText(null);
    if (userId == null
        || approvalId == null
        || !(verb.equals("approve") || verb.equals("reject"))) {
      throw ProblemException.invalid(
          java.util.List.of(
              new dev.slipway.events.FieldError(
                  "actions[0]", "must be {action_id: approve|reject, value: <approval id>}")));
    }
    ApprovalsConfig.ChatUser user = chat.users().get(userId);
    if (user == null) {
      throw ProblemException.forbidden("Chat user " + userId + " is not mapped to a Slipway user.");
    }
    Caller who = users.caller(user);
    boolean approve = verb.equals("approve");
    return approvals
        .decide(who, approvalId, approve, approve ? null : "rejected in chat", "chat")
        .map(
            view -> {
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put(
                  "text",
                  user.username()
                      + (approve ? " approved " : " rejected ")
                      + view.action()
                      + " of "
                      + view.team()
                      + "/"
                      + view.environment()
                      + "/"
                      + view.target());
              answer.put("approval", view);
              return answer;
            });
  }

  private static JsonNode payload(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("payload=")) {
      text = URLDecoder.decode(text.substring("payload=".length()), StandardCharsets.UTF_8);
    }
    try {
      JsonNode node = EventJson.mapper().readTree(text);
      return node == null ? EventJson.mapper().createObjectNode() : node;
    } catch (IOException e) {
      throw ProblemException.invalid(
          java.util.List.of(new dev.slipway.events.FieldError("$", "is not valid JSON")));
    }
  }
}
