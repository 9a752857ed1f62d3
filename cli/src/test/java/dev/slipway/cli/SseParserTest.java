package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  @Test
  void eventsEndAtBlankLinesAndMultiLineDataIsJoined() {
    SseParser parser = new SseParser();
    List<String> events = new ArrayList<>();
    for (String line :
        List.of(
            ": a comment",
            "event: message",
            "data:{\"state\":\"PENDING\"}",
            "",
            "",
            "id: 2",
            "data: {\"state\":",
            "data: \"SUCCEEDED\"}",
            "")) {
      String data = parser.accept(line);
      if (data != null) {
        events.add(data);
      }
    }

    assertThat(events).containsExactly("{\"state\":\"PENDING\"}", "{\"state\":\n\"SUCCEEDED\"}");
  }
}
