package dev.slipway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the launcher's own JVM logs (the in-process Kafka broker, the testkit, fabric8) goes
 * to {@code .slipway/logs/launcher.log}: the terminal belongs to the progress display.
 */
final class LauncherLogging {
  private LauncherLogging() {}

  static void toFile(Path logDir) throws IOException {
    Files.createDirectories(logDir);
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler file = new FileHandler(logDir.resolve("launcher.log").toString(), false);
    file.setFormatter(new SimpleFormatter());
    file.setLevel(Level.ALL);
    root.addHandler(file);
    root.setLevel(Level.INFO);
  }
}
