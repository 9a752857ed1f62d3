package dev.slipway.cli.commands;

import dev.slipway.cli.CliException;
import dev.slipway.cli.Credentials;
import dev.slipway.cli.ExitCode;
import dev.slipway.cli.Oidc;
import dev.slipway.cli.Settings;
import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
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
      "By default the device flow: open the URL shown, anywhere, and confirm the code.",
      "--password reads the password from standard input (the local run's demo users only).",
      "--with-token reads an access token from standard input (CI, or a token from another tool)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  slipway-cli login",
      "  source .slipway/dev.env && printf %s \"$SLIPWAY_DEMO_PASSWORD\" \\",
      "    | slipway-cli login --password --username alice",
      "  printf %s \"$SLIPWAY_TOKEN\" | slipway-cli login --with-token"
    })
public class LoginCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

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
    } else {
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
      credentials = oidc.awaitDeviceToken(code, waited -> {});
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
}
