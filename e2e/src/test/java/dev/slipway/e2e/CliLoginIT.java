package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.ExitCode;
import dev.slipway.testkit.oidc.TestOidcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway-cli login} in the browser (authorization code + PKCE, loopback redirect) against
 * the testkit's OIDC provider, its login page filled in by an HTTP client as a person would. No
 * platform: only the provider and the CLI's credentials file.
 */
class CliLoginIT {

  @TempDir Path config;

  private final TestOidcServer oidc = TestOidcServer.shared();

  private CliRunner cli() {
    // No gateway is needed to sign in; whoami reads the stored token only.
    return new CliRunner("http://127.0.0.1:9", oidc.issuer(), config);
  }

  @Test
  void browserSignInKeepsTheTokenInAPrivateFile() throws Exception {
    String password = UUID.randomUUID().toString();
    oidc.registerUser("erin", password, List.of("/teams/books/developer"));

    CliRunner.Run login = cli().loginInBrowser("erin", password);

    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out()).contains("Signed in as erin (teams: books)");
    Path file = config.resolve("slipway/credentials.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    CliRunner.Run whoami = cli().run("", "whoami", "-o", "json");
    assertThat(whoami.exit()).as(whoami.err()).isZero();
    assertThat(whoami.out()).contains("erin", "/teams/books/developer");
  }

  @Test
  void aRedirectThatIsNotTheAnswerToThisSignInIsRefused() throws Exception {
    CliRunner runner = cli();
    CliRunner.PendingLogin login = runner.startBrowserLogin();

    // Another page sends the browser to the CLI's port with a code of its own.
    runner.get(login.redirectUri() + "?code=stolen&state=" + UUID.randomUUID());

    CliRunner.Run run = login.await();
    assertThat(run.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(run.err()).contains("does not belong to this sign-in");
    assertThat(config.resolve("slipway/credentials.json")).doesNotExist();
  }

  @Test
  void aSignInDeniedInTheBrowserEndsTheLogin() throws Exception {
    CliRunner runner = cli();
    CliRunner.PendingLogin login = runner.startBrowserLogin();

    runner.get(
        login.redirectUri()
            + "?error=access_denied&error_description=The+user+said+no&state="
            + login.state());

    CliRunner.Run run = login.await();
    assertThat(run.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(run.err()).contains("Sign-in failed in the browser: The user said no");
    assertThat(config.resolve("slipway/credentials.json")).doesNotExist();
  }
}
