package dev.slipway.launcher;

import dev.slipway.launcher.services.SlipwayService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Keys the services of the local run need to keep across restarts (secret-service's master key,
 * audit-service's checkpoint key pair): without a kept master key, secret-service would wrap each
 * run's data keys with a new random key and could not read the secrets of the previous run from the
 * same database. Random per data dir, stored there (0600); a key set in the launcher's own
 * environment wins and is passed on unchanged.
 */
public final class DevKeys {
  static final String SECRETS_MASTER_KEY = "SLIPWAY_SECRETS_MASTER_KEY";

  private DevKeys() {}

  /** The variables to add to {@code service}'s environment. */
  public static Map<String, String> forService(SlipwayService service, Path dataDir)
      throws IOException {
    if (service.name().equals("secret-service") && System.getenv(SECRETS_MASTER_KEY) == null) {
      return Map.of(SECRETS_MASTER_KEY, loadOrCreate(dataDir.resolve("secrets-master-key"), 32));
    }
    if (service.name().equals("audit-service")) {
      // Signed checkpoints in the local run too, with a key pair of this checkout.
      return DevCheckpointKey.environment(dataDir);
    }
    return Map.of();
  }

  /** Base64 of {@code bytes} random bytes, generated once into {@code file}. */
  static String loadOrCreate(Path file, int bytes) throws IOException {
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file).strip();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    Files.createDirectories(file.getParent());
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key);
    Files.writeString(file, "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(file, encoded + "\n");
    return encoded;
  }
}
