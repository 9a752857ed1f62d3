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
}
