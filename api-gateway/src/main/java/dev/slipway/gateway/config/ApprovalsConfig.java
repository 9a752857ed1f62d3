package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Approvals of gated actions, and the chat bot that may decide them (docs/access.md). */
@ConfigMapping(prefix = "slipway.approvals")
public interface ApprovalsConfig {

  /** How long a request waits for a decision before it is rejected as expired. */
  @WithDefault("24h")
  Duration ttl();

  /** How often pending requests are checked for expiry (the scheduler reads it by name). */
  @WithDefault("60s")
  Duration sweepEvery();

  /** Where a notification is POSTed (JSON) when an approval is requested or decided. */
  Optional<String> notifyUrl();

  Chat chat();

  /**
   * Producers outside Slipway allowed to decide approvals by publishing signed
   * ApprovalDecisionSubmitted CloudEvents on {@code slipway.approval}, by name.
   */
  Map<String, Producer> producers();

  interface Chat {
    /** Slack-style signing secret of the inbound chat webhook; unset: the webhook refuses all. */
    Optional<String> signingSecret();

    /** How old a signed request may be (replay window). */
    @WithDefault("5m")
    Duration replayWindow();

    /** Chat user id (Slack {@code U0123}) → the Slipway user it acts as. */
    Map<String, ChatUser> users();
  }

  interface Producer {
    /** The CloudEvents {@code source} it publishes as; events from other sources are not its. */
    String source();

    /** Its Ed25519 public key: base64 of the X.509 SubjectPublicKeyInfo (a PEM's body). */
    String publicKey();

    /** How far an event's {@code time} may lie from now (replay window). */
    @WithDefault("5m")
    Duration replayWindow();

    /** The producer's user id → the Slipway user it acts as (as for chat). */
    Map<String, ChatUser> users();
  }

  interface ChatUser {
    String username();

    /** The OIDC subject of that user, so a requester is never their own approver. */
    String subject();

    /** Their groups, as in a token ({@code /teams/payments/tech-lead}). */
    java.util.List<String> groups();
  }
}
