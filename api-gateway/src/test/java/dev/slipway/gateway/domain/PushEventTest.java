package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import org.junit.jupiter.api.Test;

class PushEventTest {

  static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  @Test
  void aGitHubBranchPushNamesTheBranchAndTheCommit() throws Exception {
    assertThat(
            PushEvent.parse(
                "github",
                "push",
                json(
                    "{\"ref\":\"refs/heads/release/1.4\",\"after\":\""
                        + SHA
                        + "\",\"repository\":{\"full_name\":\"acme/checkout\"},"
                        + "\"sender\":{\"login\":\"octocat\"}}")))
        .contains(new PushEvent("acme/checkout", "release/1.4", SHA, "octocat"));
  }

  @Test
  void tagsDeletionsAndOtherEventsAreNotBuilds() throws Exception {
    String repo = ",\"repository\":{\"full_name\":\"acme/checkout\"}}";
    assertThat(
            PushEvent.parse(
                "github",
                "push",
                json("{\"ref\":\"refs/tags/v1\",\"after\":\"" + SHA + "\"" + repo)))
        .isEmpty();
    assertThat(
            PushEvent.parse(
                "github",
                "push",
                json(
                    "{\"ref\":\"refs/heads/main\",\"deleted\":true,\"after\":\""
                        + "0".repeat(40)
                        + "\""
                        + repo)))
        .isEmpty();
    assertThat(
            PushEvent.parse(
                "github",
                "pull_request",
                json("{\"ref\":\"refs/heads/main\",\"after\":\"" + SHA + "\"" + repo)))
        .isEmpty();
  }

  @Test
  void aGitLabPushUsesTheCheckoutSha() throws Exception {
    assertThat(
            PushEvent.parse(
                "gitlab",
                null,
                json(
                    "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"checkout_sha\":\""
                        + SHA
                        + "\",\"user_username\":\"tanuki\","
                        + "\"project\":{\"path_with_namespace\":\"acme/checkout\"}}")))
        .contains(new PushEvent("acme/checkout", "main", SHA, "tanuki"));
  }

  private static JsonNode json(String s) throws Exception {
    return EventJson.mapper().readTree(s);
  }
}
