package dev.slipway.secret.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.secret.domain.SecretValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private final byte[] oldKey = ConfigKeyProvider.generate();
  private final byte[] newKey = ConfigKeyProvider.generate();
  private final SecretValues values = SecretValues.of(Map.of("password", "canary-envelope-42"));

  @Test
  void sealedValuesOpenOnlyAsTheSecretAndVersionTheyWereSealedFor() {
    var envelope = new Envelope(new ConfigKeyProvider(oldKey, List.of()));
    var sealed = envelope.seal(values, "payments/dev/db@1");

    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("canary-envelope-42");
    assertThat(envelope.open(sealed, "payments/dev/db@1").asMap()).isEqualTo(values.asMap());
    assertThatThrownBy(() -> envelope.open(sealed, "payments/prod/db@1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("canary");
  }

  @Test
  void eachVersionHasItsOwnDataKeyAndHash() {
    var envelope = new Envelope(new ConfigKeyProvider(oldKey, List.of()));
    var a = envelope.seal(values, "x@1");
    var b = envelope.seal(values, "x@1");
    assertThat(a.dataKey().bytes()).isNotEqualTo(b.dataKey().bytes());
    assertThat(a.versionHash()).isNotEqualTo(b.versionHash()).hasSize(16);
  }

  @Test
  void rewrapMovesDataKeysToTheNewMasterKeyAndTheOldKeyCanGo() {
    var before = new Envelope(new ConfigKeyProvider(oldKey, List.of()));
    var sealed = before.seal(values, "x@1");

    var during = new Envelope(new ConfigKeyProvider(newKey, List.of(oldKey)));
    WrappedKey rewrapped = during.rewrap(sealed.dataKey());
    assertThat(rewrapped.keyId())
        .isEqualTo(during.currentKeyId())
        .isNotEqualTo(sealed.dataKey().keyId());

    var after = new Envelope(new ConfigKeyProvider(newKey, List.of()));
    var moved = new Envelope.Sealed(sealed.ciphertext(), sealed.nonce(), rewrapped);
    assertThat(after.open(moved, "x@1").asMap()).isEqualTo(values.asMap());
    assertThatThrownBy(() -> after.open(sealed, "x@1")).hasMessageContaining("is not configured");
  }

  @Test
  void valuesNeverPrint() {
    assertThat(values.toString()).doesNotContain("canary").contains("password");
  }
}
