package dev.slipway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Ed25519 key pair that signs audit checkpoints in the local run, so that checkpoints appear in
 * {@code ./slipway dev} as in production. Generated once under the data directory and kept across
 * restarts (checkpoints signed earlier still verify); the files are readable by their owner only
 * and only their path is ever logged.
 */
final class DevCheckpointKey {

  private static final Logger LOG = Logger.getLogger(DevCheckpointKey.class.getName());

  private DevCheckpointKey() {}

  /** audit-service's variables for the key pair under {@code dataDir}, made on first use. */
  static Map<String, String> environment(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("audit-checkpoint-key");
    Path signing = dir.resolve("signing-key.pk8.b64");
    Path publicKey = dir.resolve("public-key.x509.b64");
    if (!Files.exists(signing) || !Files.exists(publicKey)) {
      generate(dir, signing, publicKey);
      LOG.info("audit checkpoint key pair generated in " + dir);
    } else {
      LOG.info("audit checkpoint key pair read from " + dir);
    }
    return Map.of(
        "SLIPWAY_AUDIT_CHECKPOINT_SIGNING_KEY", Files.readString(signing).trim(),
        "SLIPWAY_AUDIT_CHECKPOINT_PUBLIC_KEY", Files.readString(publicKey).trim());
  }

  private static void generate(Path dir, Path signing, Path publicKey) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
    }
    Files.createDirectories(dir);
    var ownerOnly = PosixFilePermissions.fromString("rw-------");
    for (Path file : new Path[] {signing, publicKey}) {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    Base64.Encoder base64 = Base64.getEncoder();
    Files.writeString(signing, base64.encodeToString(pair.getPrivate().getEncoded()));
    Files.writeString(publicKey, base64.encodeToString(pair.getPublic().getEncoded()));
  }
}
