package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodeTest {

  @ParameterizedTest
  @CsvSource({
    "400, 2", "409, 2", "413, 2", "415, 2", "422, 2", "401, 4", "403, 4", "404, 5", "429, 6",
    "500, 6", "502, 6", "503, 6", "504, 6"
  })
  void httpErrorsMapToDocumentedExitCodes(int status, int exitCode) {
    assertThat(ExitCode.forStatus(status)).isEqualTo(exitCode);
  }

  @ParameterizedTest
  @CsvSource({
    "SUCCEEDED, 0",
    "PENDING, 0",
    "RUNNING, 0",
    "PENDING_APPROVAL, 0",
    "FAILED, 1",
    "REJECTED, 1"
  })
  void operationStatesMapToExitCodes(String state, int exitCode) {
    assertThat(ExitCode.forState(state)).isEqualTo(exitCode);
  }
}
