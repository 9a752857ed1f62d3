package dev.slipway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPasswordTest {

  @Test
  void isGeneratedOncePerDataDirAndKept(@TempDir Path dataDir, @TempDir Path otherDataDir)
      throws Exception {
    String first = DemoPassword.loadOrCreate(dataDir);

    assertThat(first).hasSize(16).matches("[A-Za-z2-9]+");
    assertThat(DemoPassword.loadOrCreate(dataDir)).isEqualTo(first);
    assertThat(DemoPassword.loadOrCreate(otherDataDir)).isNotEqualTo(first);
  }
}
