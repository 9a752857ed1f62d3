package dev.slipway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.launcher.services.SlipwayService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {

  private static final SlipwayService SECRETS = SlipwayService.ALL.get(3);

  @Test
  void secretServiceGetsAMasterKeyKeptPerDataDirReadableOnlyByTheOwner(
      @TempDir Path dataDir, @TempDir Path otherDataDir) throws Exception {
    String key = DevKeys.forService(SECRETS, dataDir).get(DevKeys.SECRETS_MASTER_KEY);

    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    assertThat(DevKeys.forService(SECRETS, dataDir)).containsEntry(DevKeys.SECRETS_MASTER_KEY, key);
    assertThat(DevKeys.forService(SECRETS, otherDataDir).get(DevKeys.SECRETS_MASTER_KEY))
        .isNotEqualTo(key);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("secrets-master-key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void otherServicesGetNoKey(@TempDir Path dataDir) throws Exception {
    assertThat(SECRETS.name()).isEqualTo("secret-service");
    assertThat(DevKeys.forService(SlipwayService.GATEWAY, dataDir)).isEmpty();
  }
}
