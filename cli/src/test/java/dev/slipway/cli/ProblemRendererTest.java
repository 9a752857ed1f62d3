package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemRendererTest {

  @Test
  void aValidationProblemShowsTheDetailThenEveryFieldAligned() {
    var problem =
        Json.parse(
            """
            {"type":"https://slipway.dev/problems/invalid-request","title":"Invalid request",
             "status":400,"detail":"The request has 3 invalid field(s).",
             "errors":[{"field":"name","reason":"does not match the regex pattern"},
                       {"field":"port","reason":"must have a maximum value of 65535"},
                       {"field":"replica","reason":"is not a known field"}]}
            """);

    String text = ProblemRenderer.render(problem.path("detail").asText(), problem);

    assertThat(text)
        .isEqualTo(
            "Error: The request has 3 invalid field(s). (400 Invalid request)\n"
                + "  name     does not match the regex pattern\n"
                + "  port     must have a maximum value of 65535\n"
                + "  replica  is not a known field\n");
  }

  @Test
  void aProblemWithoutErrorsIsOneLine() {
    var problem =
        Json.parse(
            "{\"title\":\"Not found\",\"status\":404,\"detail\":\"Environment payments/qa does not exist.\"}");

    assertThat(ProblemRenderer.render("Environment payments/qa does not exist.", problem))
        .isEqualTo("Error: Environment payments/qa does not exist. (404 Not found)\n");
  }

  @Test
  void aMessageWithoutAProblemIsOneLine() {
    assertThat(ProblemRenderer.render("Not signed in.", null)).isEqualTo("Error: Not signed in.\n");
  }

  @Test
  void anErrorAboutTheWholeBodyIsShownAsDollar() {
    var errors = Json.parse("[{\"field\":\"\",\"reason\":\"must be a JSON object\"}]");

    assertThat(ProblemRenderer.fieldErrors(errors)).isEqualTo("  $  must be a JSON object\n");
  }
}
