package dev.slipway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway and the OIDC provider are: a flag, else the environment variable, else the
 * {@code .slipway/dev.env} that {@code ./slipway dev} writes (found from the working directory
 * upwards, or named by {@code SLIPWAY_DEV_ENV}), else the local run's defaults.
 */
public record Settings(String url, String issuer, String clientId, Path configDir) {

  public static final String DEFAULT_URL = "http://127.0.0.1:8080";
  public static final String DEFAULT_ISSUER = "http://127.0.0.1:18080/realms/slipway";
  public static final String DEFAULT_CLIENT_ID = "slipway-cli";

  private static final Pattern ASSIGNMENT =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

  public static Settings resolve(Io io, String urlFlag, String issuerFlag, String clientIdFlag) {
    Map<String, String> file = devEnv(io);
    return new Settings(
        strip(first(urlFlag, io.env("SLIPWAY_URL"), file.get("SLIPWAY_URL"), DEFAULT_URL)),
        strip(
            first(
                issuerFlag,
                io.env("SLIPWAY_OIDC_ISSUER"),
                file.get("SLIPWAY_OIDC_ISSUER"),
                DEFAULT_ISSUER)),
        first(
            clientIdFlag,
            io.env("SLIPWAY_OIDC_CLIENT_ID"),
            file.get("SLIPWAY_OIDC_CLIENT_ID"),
            DEFAULT_CLIENT_ID),
        configDir(io));
  }

  /** {@code ${XDG_CONFIG_HOME:-~/.config}/slipway}. */
  public static Path configDir(Io io) {
    String xdg = io.env("XDG_CONFIG_HOME");
    if (xdg != null) {
      return Path.of(xdg, "slipway");
    }
    String home = io.env("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"), ".config", "slipway");
  }

  public Path credentialsFile() {
    return configDir.resolve("credentials.json");
  }

  static Map<String, String> devEnv(Io io) {
    String named = io.env("SLIPWAY_DEV_ENV");
    Path file = named != null ? Path.of(named) : findDevEnv(Path.of("").toAbsolutePath());
    if (file == null || !Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return parseDevEnv(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code export NAME='value'} lines as the launcher writes them (shell quoting). */
  static Map<String, String> parseDevEnv(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.trim().startsWith("#")) {
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (m.matches()) {
        values.put(m.group(1), unquote(m.group(2).trim()));
      }
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("'") && value.endsWith("'"))
            || (value.startsWith("\"") && value.endsWith("\"")))) {
      return value.substring(1, value.length() - 1).replace("'\\''", "'");
    }
    return value;
  }

  private static Path findDevEnv(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(".slipway").resolve("dev.env");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
