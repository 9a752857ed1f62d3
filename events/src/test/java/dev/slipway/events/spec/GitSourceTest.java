package dev.slipway.events.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.FieldError;
import org.junit.jupiter.api.Test;

class GitSourceTest {

  @Test
  void httpsAndSshRepositoriesAreAcceptedWithoutCredentials() {
    assertThat(GitSource.repositoryProblem("https://github.com/acme/checkout")).isEmpty();
    assertThat(GitSource.repositoryProblem("git@github.com:acme/checkout.git")).isEmpty();
    assertThat(GitSource.repositoryProblem("https://alice:ghp_secret@github.com/acme/checkout"))
        .get()
        .asString()
        .contains("credentials")
        .doesNotContain("ghp_secret");
    assertThat(GitSource.repositoryProblem("http://github.com/acme/checkout")).isPresent();
    assertThat(GitSource.repositoryProblem("file:///etc")).isPresent();
    assertThat(GitSource.repositoryProblem("git@github.com:acme/x;rm -rf /")).isPresent();
  }

  @Test
  void refsFollowGitRulesAndCannotBeReadAsFlagsOrShell() {
    assertThat(GitSource.validRef("main")).isTrue();
    assertThat(GitSource.validRef("release/1.4")).isTrue();
    assertThat(GitSource.validRef("v1.4.2")).isTrue();
    assertThat(GitSource.validRef("--upload-pack=evil")).isFalse();
    assertThat(GitSource.validRef("a..b")).isFalse();
    assertThat(GitSource.validRef("main;reboot")).isFalse();
    assertThat(GitSource.validRef("x.lock")).isFalse();
    assertThat(GitSource.validRef("feature/")).isFalse();
    assertThat(GitSource.checkRevision("bad ref", "XYZ"))
        .extracting(FieldError::field)
        .containsExactly("ref", "commit");
    assertThat(GitSource.checkRevision("main", "9fceb02")).isEmpty();
  }

  @Test
  void theAppSpecRefusesCredentialsInGitRepoAndPathsOutsideTheRepository() {
    var validator = new AppSpecValidator();
    var parsed =
        validator.parseAndValidate(
            "{\"name\":\"a\",\"gitRepo\":\"https://u:p@github.com/acme/a\","
                + "\"dockerfile\":\"../../etc/Dockerfile\",\"port\":8080}",
            false);
    assertThat(parsed.errors()).extracting(FieldError::field).contains("gitRepo", "dockerfile");
  }
}
