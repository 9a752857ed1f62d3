package dev.slipway.events.spec;

import dev.slipway.events.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for what a build may fetch: a repository URL without credentials, branch or tag names
 * as {@code git check-ref-format} allows them (and nothing a shell or a flag could read), commit
 * SHAs. The gateway and deploy-service both check with these, so a bad value is refused before it
 * reaches a Job.
 */
public final class GitSource {

  private static final Pattern SSH = Pattern.compile("^git@[A-Za-z0-9.-]+:[A-Za-z0-9._/~-]+$");
  private static final Pattern REF_CHARS = Pattern.compile("^[A-Za-z0-9._/-]{1,200}$");
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{7,64}$");

  private GitSource() {}

  /** Why {@code url} is not a repository a build may clone, or empty when it is one. */
  public static Optional<String> repositoryProblem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required");
    }
    if (url.startsWith("git@")) {
      return SSH.matcher(url).matches()
          ? Optional.empty()
          : Optional.of("must be an ssh URL like git@github.com:acme/checkout.git");
    }
    try {
      URI uri = new URI(url);
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        return Optional.of("must be an https:// or git@ repository URL");
      }
      if (uri.getRawUserInfo() != null) {
        return Optional.of("must not carry credentials: the platform's git credentials are used");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return Optional.of("must not have a query or fragment");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
  }

  /** Branch or tag names: {@code main}, {@code release/1.4}, {@code v1.4.2}. */
  public static boolean validRef(String ref) {
    return ref != null
        && REF_CHARS.matcher(ref).matches()
        && !ref.startsWith("-")
        && !ref.startsWith("/")
        && !ref.endsWith("/")
        && !ref.endsWith(".")
        && !ref.endsWith(".lock")
        && !ref.contains("..")
        && !ref.contains("//")
        && !ref.contains("/.")
        && !ref.startsWith(".");
  }

  public static boolean validCommit(String commit) {
    return commit != null && COMMIT.matcher(commit).matches();
  }

  /** Field errors for an optional ref and commit, as a build request names them. */
  public static List<FieldError> checkRevision(String ref, String commit) {
    List<FieldError> errors = new ArrayList<>();
    if (ref != null && !validRef(ref)) {
      errors.add(new FieldError("ref", "is not a valid branch or tag name"));
    }
    if (commit != null && !validCommit(commit)) {
      errors.add(new FieldError("commit", "must be a commit SHA: 7 to 64 lowercase hex digits"));
    }
    return errors;
  }
}
