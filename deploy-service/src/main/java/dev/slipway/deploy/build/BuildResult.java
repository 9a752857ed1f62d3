package dev.slipway.deploy.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a build stands, as read from the cluster. */
public sealed interface BuildResult {

  Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  // A reason reaches the operation and the audit log: short, one line.
  int MAX_REASON = 400;

  record Running() implements BuildResult {}

  /** {@code digest} is null when the build did not report one; the tag is deployed then. */
  record Succeeded(String digest) implements BuildResult {}

  record Failed(String reason) implements BuildResult {}

  /** The first digest in a termination message (creator's report, kaniko's digest file). */
  static String digestIn(String message) {
    if (message == null) {
      return null;
    }
    Matcher matcher = DIGEST.matcher(message);
    return matcher.find() ? matcher.group() : null;
  }

  static String shorten(String reason) {
    String oneLine = reason.strip().replaceAll("\\s*\\n\\s*", " | ");
    return oneLine.length() <= MAX_REASON
        ? oneLine
        : "…" + oneLine.substring(oneLine.length() - MAX_REASON + 1);
  }
}
