package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  private final JsonNode data = Json.parse("{\"name\":\"dev\",\"apps\":3,\"expiresAt\":null}");

  private String print(OutputFormat format) {
    StringWriter text = new StringWriter();
    format.print(new PrintWriter(text), data, () -> "human view\n");
    return text.toString();
  }

  @Test
  void tableIsTheHumanView() {
    assertThat(print(OutputFormat.TABLE)).isEqualTo("human view\n");
  }

  @Test
  void jsonIsTheApiAnswerUnchangedAndParsesBack() {
    String json = print(OutputFormat.JSON);
    assertThat(Json.parse(json)).isEqualTo(data);
    assertThat(json).contains("\n  \"name\" : \"dev\"");
  }

  @Test
  void yamlHasNoDocumentMarkerAndNoNeedlessQuotes() throws Exception {
    String yaml = print(OutputFormat.YAML);
    assertThat(yaml).isEqualTo("name: dev\napps: 3\nexpiresAt: null\n");
    assertThat(Json.YAML.readTree(yaml)).isEqualTo(data);
  }
}
