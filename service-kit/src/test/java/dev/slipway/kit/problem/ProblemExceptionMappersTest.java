package dev.slipway.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemExceptionMappersTest {

  private final ObjectMapper mapper = new ObjectMapper();

  record Body(int count) {}

  @Test
  void aReasonNeverQuotesTheRequestBody() {
    var wrongType =
        catchThrowableOfType(
            JsonProcessingException.class,
            () -> mapper.readValue("{\"count\":\"s3cr3t-value\"}", Body.class));
    var broken =
        catchThrowableOfType(
            JsonProcessingException.class,
            () -> mapper.readValue("{\"x\": s3cr3t-value}", Map.class));

    assertThat(ProblemExceptionMappers.unreadableReason(wrongType))
        .doesNotContain("s3cr3t")
        .isEqualTo("must be of type int");
    assertThat(ProblemExceptionMappers.unreadableReason(broken))
        .doesNotContain("s3cr3t")
        .startsWith("is not valid JSON");
  }

  @Test
  void aDependencyThatIsDownIsA503ToRetryNotA500() {
    var down =
        new IllegalStateException(
            "wrapped", new java.net.ConnectException("Connection refused: /127.0.0.1:5432"));

    var problem = ProblemExceptionMappers.forUnexpected(down, "/api/v1/x");
    var response = ProblemExceptionMappers.respond(problem);

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).doesNotContain("5432");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(ProblemExceptionMappers.forUnexpected(new NullPointerException(), "/x").status())
        .isEqualTo(500);
  }

  @Test
  void anUpstreamTimeoutTellsTheClientWhenToRetry() {
    var response = ProblemExceptionMappers.respond(Problem.of(504, "Upstream timeout", "slow"));

    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
  }
}
