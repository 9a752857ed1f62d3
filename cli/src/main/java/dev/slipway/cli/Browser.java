package dev.slipway.cli;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL in the user's browser when this machine has one: {@code $BROWSER}, {@code open} on
 * macOS, {@code xdg-open} under a graphical session. Over SSH or in CI there is none, and the URL
 * printed is all there is.
 */
public final class Browser {

  private final Io io;

  public Browser(Io io) {
    this.io = io;
  }

  /** The command that would open a URL here, or null. */
  List<String> command() {
    if (io.env("BROWSER") != null) {
      return List.of(io.env("BROWSER"));
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return List.of("open");
    }
    if (os.contains("windows")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler");
    }
    boolean desktop = io.env("DISPLAY") != null || io.env("WAYLAND_DISPLAY") != null;
    return desktop && onPath("xdg-open") ? List.of("xdg-open") : null;
  }

  public boolean available() {
    return command() != null;
  }

  /** Whether a browser was started; never fails the sign-in, the URL is printed anyway. */
  public boolean open(String url) {
    List<String> command = command();
    if (command == null) {
      return false;
    }
    try {
      List<String> argv = new ArrayList<>(command);
      argv.add(url);
      new ProcessBuilder(argv)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean onPath(String program) {
    String path = io.env("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
