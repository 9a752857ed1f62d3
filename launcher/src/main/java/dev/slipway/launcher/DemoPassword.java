package dev.slipway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The demo users' password: random per data dir, so no two checkouts (nor a copy on a shared
 * machine) share a guessable one, and kept, because Keycloak stored it with the users on the first
 * start.
 */
public final class DemoPassword {
  // No look-alikes (0/O, 1/l/I): it gets typed from the terminal into a login form.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 16;

  private DemoPassword() {}

  public static String loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve("demo-password");
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file).strip();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    Files.createDirectories(dataDir);
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Files.writeString(file, password + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return password.toString();
  }
}
