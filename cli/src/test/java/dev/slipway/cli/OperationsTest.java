package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsTest {

  @Test
  void aDeployWaitingForApprovalSaysWhoApprovesItAndHowToFollowIt() {
    var op =
        Json.parse(
            """
            {"id":"op-1","state":"PENDING_APPROVAL","detail":"waiting for a tech lead of payments",
             "result":{"approvalId":"ap-9"}}
            """);

    assertThat(Operations.summary("deploy payments/production/hello", op))
        .isEqualTo(
            "deploy payments/production/hello: PENDING_APPROVAL - waiting for a tech lead of payments\n"
                + "  a tech lead approves it with: slipway-cli approve ap-9\n"
                + "  follow it: slipway-cli ops status op-1 --wait\n");
  }

  @Test
  void aRejectedOperationNamesItselfAndExitsOne() {
    var op = Json.parse("{\"id\":\"op-2\",\"state\":\"REJECTED\",\"detail\":\"expired\"}");

    assertThat(Operations.summary("deploy x", op))
        .isEqualTo("deploy x: REJECTED - expired\n  operation op-2\n");
    assertThat(ExitCode.forState(Operations.state(op))).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void followingStopsAtFinalStatesAndAtApprovals() {
    assertThat(Operations.stops("PENDING")).isFalse();
    assertThat(Operations.stops("RUNNING")).isFalse();
    assertThat(Operations.stops("PENDING_APPROVAL")).isTrue();
    assertThat(Operations.stops("SUCCEEDED")).isTrue();
    assertThat(Operations.stops("FAILED")).isTrue();
    assertThat(Operations.stops("REJECTED")).isTrue();
  }
}
