package dev.slipway.gateway.messaging;

import dev.slipway.events.ApprovalDecisionSubmitted;
import dev.slipway.events.EventCatalog;
import dev.slipway.gateway.config.ApprovalsConfig;
import dev.slipway.gateway.domain.EventSignatures;
import dev.slipway.gateway.persistence.ApprovalRequest;
import dev.slipway.gateway.service.ApprovalService;
import dev.slipway.gateway.service.MappedUsers;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.EventHandling.PermanentFailure;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.inbox.IncomingEvent;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Approval decisions published on {@code slipway.approval} by configured producers outside Slipway
 * (docs/access.md, "Signed approval events"). An event is acted on only when its source is a
 * configured producer, its Ed25519 signature over the CloudEvent's headers and data verifies, its
 * time is inside the replay window, and its user is mapped; otherwise it goes to the dead-letter
 * topic with the reason. The decision is then exactly an API decision by the mapped user (tech lead
 * or admin, never the requester), recorded with channel {@code event}.
 */
@ApplicationScoped
public class SignedApprovalConsumer {

  static final String CONSUMER = "api-gateway.approval-decisions";
  private static final Logger LOG = Logger.getLogger(SignedApprovalConsumer.class);

  private final Map<String, Producer> bySource = new HashMap<>();
  private final ApprovalService approvals;
  private final MappedUsers users;
  private final Inbox inbox;

  private record Producer(String name, ApprovalsConfig.Producer config, PublicKey key) {}

  public SignedApprovalConsumer(
      ApprovalsConfig config, ApprovalService approvals, MappedUsers users, Inbox inbox) {
    this.approvals = approvals;
    this.users = users;
    this.inbox = inbox;
    config
        .producers()
        .forEach(
            (name, producer) ->
                bySource.put(
                    producer.source(),
                    new Producer(name, producer, EventSignatures.publicKey(producer.publicKey()))));
  }

  @Incoming("approval-decisions")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(message, event -> consume(message, event));
  }

  private Uni<Void> consume(Message<String> message, IncomingEvent event) {
    if (!event.is(EventCatalog.APPROVAL_DECISION_SUBMITTED)) {
      return Uni.createFrom().voidItem(); // the gateway's own approval facts share the topic
    }
    Producer producer = verified(message, event);
    ApprovalDecisionSubmitted decision = event.as(EventCatalog.APPROVAL_DECISION_SUBMITTED);
    ApprovalsConfig.ChatUser user = producer.config().users().get(decision.user());
    if (user == null) {
      throw new PermanentFailure(
          "user " + decision.user() + " is not mapped for producer " + producer.name());
    }
    Caller who = users.caller(user);
    boolean approve = decision.decision() == ApprovalDecisionSubmitted.Decision.APPROVE;
    return Panache.withSession(() -> inbox.seen(CONSUMER, event.id()))
        .chain(
            seen ->
                seen
                    ? Uni.createFrom().voidItem()
                    : sameRequest(decision)
                        .chain(
                            () ->
                                approvals.decide(
                                    who,
                                    decision.approvalId(),
                                    approve,
                                    decision.reason(),
                                    "event"))
                        .replaceWithVoid()
                        .onFailure(ProblemException.class)
                        .recoverWithUni(f -> decidedBefore(decision, who, (ProblemException) f))
                        .chain(
                            () -> Panache.withTransaction(() -> inbox.claim(CONSUMER, event.id())))
                        .invoke(
                            () ->
                                LOG.infof(
                                    "approval %s %s by %s through producer %s",
                                    decision.approvalId(),
                                    approve ? "approved" : "rejected",
                                    user.username(),
                                    producer.name()))
                        .replaceWithVoid());
  }

  /** The producer whose signature the event carries, or a PermanentFailure naming why not. */
  private Producer verified(Message<String> message, IncomingEvent event) {
    Headers headers =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(IncomingKafkaRecordMetadata::getHeaders)
            .orElseThrow(() -> new PermanentFailure("not a Kafka record"));
    String source = header(headers, "ce_source");
    Producer producer = source == null ? null : bySource.get(source);
    if (producer == null) {
      throw new PermanentFailure("source " + source + " is not a configured approval producer");
    }
    String time = header(headers, "ce_time");
    if (!EventSignatures.valid(
        producer.key(),
        event.id(),
        source,
        event.type(),
        time,
        event.payload(),
        header(headers, "ce_" + EventSignatures.EXTENSION))) {
      throw new PermanentFailure("bad or missing signature from producer " + producer.name());
    }
    Duration age;
    try {
      age = Duration.between(Instant.parse(time), Instant.now()).abs();
    } catch (DateTimeParseException e) {
      throw new PermanentFailure("time " + time + " is not RFC 3339");
    }
    if (age.compareTo(producer.config().replayWindow()) > 0) {
      throw new PermanentFailure(
          "event time " + time + " is outside the replay window of producer " + producer.name());
    }
    return producer;
  }

  /** The event must name the request's own team and environment, as a route's path would. */
  private static Uni<Void> sameRequest(ApprovalDecisionSubmitted decision) {
    UUID id;
    try {
      id = UUID.fromString(decision.approvalId());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new PermanentFailure("no approval " + decision.approvalId()));
    }
    return Panache.withSession(() -> ApprovalRequest.<ApprovalRequest>findById(id))
        .invoke(
            a -> {
              if (a == null
                  || !a.team.equals(decision.team())
                  || !a.environment.equals(decision.environment())) {
                throw new PermanentFailure(
                    "no approval "
                        + decision.approvalId()
                        + " in "
                        + decision.team()
                        + "/"
                        + decision.environment());
              }
            })
        .replaceWithVoid();
  }

  /**
   * A redelivery after the decision committed but before the inbox claim did finds the request
   * decided by this very user the same way: done. Any other refusal is final, with its reason.
   */
  private static Uni<Void> decidedBefore(
      ApprovalDecisionSubmitted decision, Caller who, ProblemException refusal) {
    String state =
        decision.decision() == ApprovalDecisionSubmitted.Decision.APPROVE
            ? ApprovalRequest.APPROVED
            : ApprovalRequest.REJECTED;
    return Panache.withSession(
            () -> ApprovalRequest.<ApprovalRequest>findById(UUID.fromString(decision.approvalId())))
        .invoke(
            a -> {
              boolean same =
                  a != null
                      && state.equals(a.state)
                      && "event".equals(a.channel)
                      && who.username().equals(a.decidedBy);
              if (!same) {
                throw new PermanentFailure(
                    "refused: " + refusal.problem().status() + " " + refusal.problem().detail());
              }
            })
        .replaceWithVoid();
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
