package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a team asked for: the input of everything that makes an environment. */
public record EnvironmentSpec(String team, String name, EnvironmentKind kind) {

  /** Kubernetes names namespaces by DNS-1123 label rules. */
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private static final int MAX_NAMESPACE_LENGTH = 63;

  /** One namespace per (team, environment). */
  public String namespace() {
    return team + "-" + name;
  }

  /**
   * Why the namespace cannot exist, if it cannot. Team and name are each valid alone (the event's
   * schema checks them), but together they can exceed the API server's limit.
   */
  public Optional<String> namespaceProblem() {
    String namespace = namespace();
    if (namespace.length() > MAX_NAMESPACE_LENGTH) {
      return Optional.of(
          "namespace "
              + namespace
              + " would be "
              + namespace.length()
              + " characters long; Kubernetes allows at most "
              + MAX_NAMESPACE_LENGTH
              + ": choose a shorter environment name");
    }
    if (!DNS_1123_LABEL.matcher(namespace).matches()) {
      return Optional.of(
          "namespace "
              + namespace
              + " is not a DNS-1123 label (lower-case letters, digits and '-')");
    }
    return Optional.empty();
  }
}
