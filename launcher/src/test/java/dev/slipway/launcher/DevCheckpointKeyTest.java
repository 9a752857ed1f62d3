package dev.slipway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCheckpointKeyTest {

  @Test
  void makesOneOwnerOnlyEd25519PairAndKeepsItAcrossRestarts(@TempDir Path data) throws Exception {
    var first = DevCheckpointKey.environment(data);
    var again = DevCheckpointKey.environment(data);

    assertThat(again).isEqualTo(first);
    try (var files = Files.list(data.resolve("audit-checkpoint-key"))) {
      for (Path file : files.toList()) {
        assertThat(Files.getPosixFilePermissions(file))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      }
    }
    // The pair belongs together, in the encodings audit-service reads (PKCS#8, X.509 DER).
    var keys = KeyFactory.getInstance("Ed25519");
    var signer = Signature.getInstance("Ed25519");
    signer.initSign(
        keys.generatePrivate(
            new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(first.get("SLIPWAY_AUDIT_CHECKPOINT_SIGNING_KEY")))));
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    var verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(
        keys.generatePublic(
            new X509EncodedKeySpec(
                Base64.getDecoder().decode(first.get("SLIPWAY_AUDIT_CHECKPOINT_PUBLIC_KEY")))));
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }
}
