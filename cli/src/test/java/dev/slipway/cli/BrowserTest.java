package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserTest {

  private static Browser with(Map<String, String> env) {
    return new Browser(
        new Io(
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            env,
            true));
  }

  @Test
  void theBrowserVariableWins() {
    assertThat(with(Map.of("BROWSER", "firefox")).command()).isEqualTo(List.of("firefox"));
  }

  @Test
  void withoutAGraphicalSessionLinuxHasNoBrowserSoLoginPrintsTheUrlOrUsesTheDeviceGrant() {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));

    assertThat(with(Map.of("PATH", "/usr/bin:/bin")).available()).isFalse();
  }
}
