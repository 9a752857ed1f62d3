package dev.slipway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code credentials.json} in the user's config directory: the file is 0600 and its directory 0700
 * from the moment they exist (created with those permissions, never chmod-ed afterwards), and a new
 * file replaces the old one atomically, so a token is never readable by others, not even briefly.
 */
public final class CredentialsStore {

  private final Path file;

  public CredentialsStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public Optional<Credentials> load() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Credentials.fromJson(Json.parse(Files.readString(file))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A damaged file is as good as none: login writes a new one.
      return Optional.empty();
    }
  }

  public void save(Credentials credentials) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      Path temp =
          posix
              ? Files.createTempFile(
                  dir,
                  ".credentials",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, ".credentials", ".tmp");
      try {
        Files.writeString(temp, Json.pretty(credentials.toJson()));
        try {
          Files.move(
              temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public boolean delete() {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
