package dev.slipway.deploy.build;

import dev.slipway.deploy.domain.Names;
import dev.slipway.kit.kubernetes.Labels;
import java.util.Locale;
import java.util.UUID;

/**
 * One build: what it fetches and the image it pushes. {@code revision} is a commit or a ref, or
 * null for the repository's default branch.
 */
public record BuildTarget(
    UUID buildId,
    String team,
    String environment,
    String app,
    BuildSource source,
    String revision,
    String registry) {

  public String namespace() {
    return Labels.namespace(team, environment);
  }

  /** The Job (or Build and BuildRun) name: readable, unique per build, at most 63 characters. */
  public String objectName() {
    return Names.fit(app + "-build-" + shortId(), Names.MAX);
  }

  public String repository() {
    return registry + "/" + team + "/" + app;
  }

  /** The tag pushed: the commit when known, else the ref and the build, else the build. */
  public String tag() {
    if (revision != null && revision.matches("[0-9a-f]{7,64}")) {
      return revision.substring(0, Math.min(12, revision.length()));
    }
    if (revision != null) {
      String ref = revision.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
      return (ref.length() > 100 ? ref.substring(0, 100) : ref) + "-" + shortId();
    }
    return "build-" + shortId();
  }

  public String image() {
    return repository() + ":" + tag();
  }

  /** The image the deploy uses: by digest when the build reported one. */
  public String imageFor(String digest) {
    return digest == null ? image() : repository() + "@" + digest;
  }

  private String shortId() {
    return buildId.toString().substring(0, 8);
  }
}
