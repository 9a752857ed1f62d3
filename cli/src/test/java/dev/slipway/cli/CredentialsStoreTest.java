package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreTest {

  @TempDir Path dir;

  static String token(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  private final Credentials credentials =
      new Credentials(
          "http://issuer",
          "slipway-cli",
          token("{\"preferred_username\":\"alice\",\"groups\":[\"/teams/payments/developer\"]}"),
          "refresh-secret",
          Instant.parse("2026-11-25T12:00:00Z"),
          null);

  @Test
  void theFileIsReadableByItsOwnerOnlyAndItsDirectoryToo() throws Exception {
    CredentialsStore store = new CredentialsStore(dir.resolve("config/slipway/credentials.json"));

    store.save(credentials);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void savingAgainReplacesTheFileKeepsItPrivateAndLeavesNoTemporaryFile() throws Exception {
    CredentialsStore store = new CredentialsStore(dir.resolve("credentials.json"));
    store.save(credentials);

    Credentials fresher =
        new Credentials("http://issuer", "slipway-cli", "new", "r2", Instant.EPOCH, Instant.EPOCH);
    store.save(fresher);

    assertThat(store.load()).contains(fresher);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(store.file());
    }
  }

  @Test
  void roundTripsAndReadsTheTeamsFromTheToken() {
    CredentialsStore store = new CredentialsStore(dir.resolve("credentials.json"));
    store.save(credentials);

    Credentials loaded = store.load().orElseThrow();

    assertThat(loaded).isEqualTo(credentials);
    assertThat(loaded.teams()).containsExactly("payments");
    assertThat(loaded.claims().path("preferred_username").asText()).isEqualTo("alice");
  }

  @Test
  void noFileOrADamagedOneMeansNotSignedIn() throws Exception {
    CredentialsStore store = new CredentialsStore(dir.resolve("credentials.json"));
    assertThat(store.load()).isEmpty();

    Files.writeString(store.file(), "{not json");
    assertThat(store.load()).isEmpty();
  }

  @Test
  void tokensNeverAppearInToString() {
    assertThat(credentials.toString()).doesNotContain("refresh-secret").doesNotContain("eyJ");
  }

  @Test
  void expiryIsCheckedWithAMargin() {
    Instant expiry = credentials.expiresAt();
    assertThat(credentials.expired(expiry.minusSeconds(60))).isFalse();
    assertThat(credentials.expired(expiry.minusSeconds(5))).isTrue();
    assertThat(credentials.refreshable(expiry.plusSeconds(3600))).isTrue();
  }
}
