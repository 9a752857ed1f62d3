package dev.slipway.cli.commands;

import dev.slipway.cli.Browser;
import dev.slipway.cli.CliException;
import dev.slipway.cli.Credentials;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.LoopbackReceiver;
import dev.slipway.cli.Oidc;
import dev.slipway.cli.Pkce;
import dev.slipway.cli.Settings;
import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in through the OIDC provider and keep the tokens for the other commands.",
      "By default in the browser when this machine has one (authorization code + PKCE,",
      "redirected to 127.0.0.1), else with the device flow when the provider offers it",
      "(open the URL shown on any device and confirm the code), else the URL to open.",
      "--browser, --device: choose. --no-browser: the browser flow, the URL printed only.",
      "--password reads the password from standard input (the local run's demo users only).",
      "--with-token reads an access token from standard input (CI, or a token from another tool)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli login",
      "  slipway-cli login --device             # over SSH: confirm on your phone or laptop",
      "  slipway-cli login --browser --no-browser",
      "  source .slipway/dev.env && printf %%s \"$SLIPWAY_DEMO_PASSWORD\" \\",
      "    | slipway-cli login --password --username alice",
      "  printf %%s \"$SLIPWAY_TOKEN\" | slipway-cli login --with-token"
    })
public class LoginCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--browser",
      description = "Sign in in a browser on this machine (authorization code with PKCE).")
  boolean browser;

  @Option(
      names = "--device",
      description = "Sign in on any device with a code (OAuth 2.0 device authorization grant).")
  boolean device;

  @Option(names = "--no-browser", description = "Print the sign-in URL; do not start a browser.")
  boolean noBrowser;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "How long the browser sign-in may take (default 300).")
  int timeoutSeconds;

  @Option(
      names = "--password",
      description = "Use the password grant; the password comes from standard input.")
  boolean password;

  @Option(
      names = "--with-token",
      description =
          "Keep the access token read from standard input (no refresh: sign in again"
              + " when it expires).")
  boolean withToken;

  @Option(
      names = {"-u", "--username"},
      description = "Who signs in with --password (asked for when omitted on a terminal).")
  String username;

  @Override
  public Integer call() {
    SlipwayCli cli = SlipwayCli.of(spec);
    Settings settings = cli.settings();
    Oidc oidc = cli.oidc(settings);
    PrintWriter err = cli.io().err();
    Credentials credentials;
    if ((browser ? 1 : 0) + (device ? 1 : 0) + (password ? 1 : 0) + (withToken ? 1 : 0) > 1) {
      throw new CliException(
          ExitCode.USAGE, "Give at most one of --browser, --device, --password, --with-token.");
    }
    if (withToken) {
      String token = cli.io().readSecret("Access token: ");
      if (token == null || token.isBlank() || token.trim().split("\\.").length != 3) {
        throw new CliException(ExitCode.USAGE, "No access token (a JWT) on standard input.");
      }
      credentials = Credentials.ofAccessToken(settings.issuer(), settings.clientId(), token.trim());
      if (credentials.expired(cli.clock().instant())) {
        throw new CliException(ExitCode.AUTH, "That access token has expired.");
      }
    } else if (password) {
      String user = username;
      if (user == null && cli.io().tty()) {
        err.print("Username: ");
        err.flush();
        user = cli.io().readLine();
      }
      if (user == null || user.isBlank()) {
        throw new CliException(ExitCode.USAGE, "--password needs --username.");
      }
      String secret = cli.io().readSecret("Password for " + user + ": ");
      if (secret == null || secret.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "No password on standard input.");
      }
      credentials = oidc.passwordGrant(user, secret);
    } else if (device
        || (!browser && !noBrowser && !canOpenBrowser(cli) && oidc.offersDeviceFlow())) {
      credentials = deviceFlow(oidc, err);
    } else {
      credentials = browserFlow(cli, oidc, err);
    }
    cli.store().save(credentials);
    String who = credentials.claims().path("preferred_username").asText("you");
    cli.io()
        .out()
        .println(
            "Signed in as "
                + who
                + (credentials.teams().isEmpty()
                    ? ""
                    : " (teams: " + String.join(", ", credentials.teams()) + ")")
                + ". Credentials in "
                + cli.store().file()
                + ".");
    return ExitCode.OK;
  }

  private static boolean canOpenBrowser(SlipwayCli cli) {
    return new Browser(cli.io()).available();
  }

  private Credentials browserFlow(SlipwayCli cli, Oidc oidc, PrintWriter err) {
    Pkce pkce = Pkce.generate();
    try (LoopbackReceiver receiver = new LoopbackReceiver()) {
      String url = oidc.authorizationUrl(receiver.redirectUri(), pkce);
      boolean opened = !noBrowser && new Browser(cli.io()).open(url);
      err.println(
          opened
              ? "Your browser was opened to sign in. If it did not show up, open:"
              : "To sign in, open this URL in a browser on this machine:");
      err.println("  " + url);
      err.println("Waiting for the sign-in (at most " + timeoutSeconds + " s)...");
      err.flush();
      LoopbackReceiver.Callback answer = receiver.await(Duration.ofSeconds(timeoutSeconds));
      if (answer == null) {
        throw new CliException(
            ExitCode.AUTH, "No sign-in within " + timeoutSeconds + " s: run the login again.");
      }
      // Another page could send this browser to our port: only our own request's answer counts.
      if (!pkce.state().equals(answer.state())) {
        throw new CliException(
            ExitCode.AUTH,
            "The answer that reached the CLI does not belong to this sign-in: run the login"
                + " again.");
      }
      if (answer.error() != null) {
        throw new CliException(
            ExitCode.AUTH,
            "Sign-in failed in the browser: "
                + (answer.errorDescription() != null ? answer.errorDescription() : answer.error())
                + ".");
      }
      if (answer.code() == null) {
        throw new CliException(ExitCode.AUTH, "The provider sent no code: run the login again.");
      }
      return oidc.exchangeCode(answer.code(), receiver.redirectUri(), pkce);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.AUTH, "Sign-in interrupted.");
    }
  }

  private static Credentials deviceFlow(Oidc oidc, PrintWriter err) {
    Oidc.DeviceCode code = oidc.startDeviceFlow();
    String link =
        code.verificationUriComplete() != null
            ? code.verificationUriComplete()
            : code.verificationUri();
    err.println("To sign in, open " + link);
    err.println(
        "and confirm the code "
            + code.userCode()
            + " (valid "
            + code.expiresInSeconds() / 60
            + " min).");
    err.println("Waiting for the sign-in...");
    err.flush();
    return oidc.awaitDeviceToken(code, waited -> {});
  }
}
