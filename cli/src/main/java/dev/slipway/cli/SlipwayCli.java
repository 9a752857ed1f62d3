package dev.slipway.cli;

import dev.slipway.cli.commands.ApprovalsCommand;
import dev.slipway.cli.commands.ApproveCommand;
import dev.slipway.cli.commands.AppsCommand;
import dev.slipway.cli.commands.AuditCommand;
import dev.slipway.cli.commands.CompletionCommand;
import dev.slipway.cli.commands.CostsCommand;
import dev.slipway.cli.commands.DeployCommand;
import dev.slipway.cli.commands.EnvCommand;
import dev.slipway.cli.commands.LoginCommand;
import dev.slipway.cli.commands.LogoutCommand;
import dev.slipway.cli.commands.LogsCommand;
import dev.slipway.cli.commands.OpsCommand;
import dev.slipway.cli.commands.RejectCommand;
import dev.slipway.cli.commands.SecretCommand;
import dev.slipway.cli.commands.WhoamiCommand;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code slipway-cli}: Slipway from a terminal, on top of the gateway's HTTP API only. */
@Command(
    name = "slipway-cli",
    mixinStandardHelpOptions = true,
    versionProvider = SlipwayCli.Version.class,
    description = "Slipway from the terminal: deploy apps, manage environments and secrets.",
    subcommands = {
      LoginCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class,
      DeployCommand.class,
      AppsCommand.class,
      EnvCommand.class,
      LogsCommand.class,
      SecretCommand.class,
      ApprovalsCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      CostsCommand.class,
      AuditCommand.class,
      OpsCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nSettings:%n",
    footer = {
      "  SLIPWAY_URL, SLIPWAY_OIDC_ISSUER, SLIPWAY_OIDC_CLIENT_ID: the flags, else",
      "  these variables, else .slipway/dev.env (./slipway dev writes it).",
      "  SLIPWAY_TEAM, SLIPWAY_ENV: defaults for --team and --env.",
      "  Credentials: $${XDG_CONFIG_HOME:-~/.config}/slipway/credentials.json (mode 600).",
      "",
      "Exit codes:",
      "  0 ok                          4 not signed in, or not allowed (401, 403)",
      "  1 operation FAILED/REJECTED   5 not found (404)",
      "  2 usage or invalid request    6 server error or unreachable",
      "  3 not available yet",
      "",
      "Examples:",
      "  slipway-cli login",
      "  slipway-cli deploy -f app.yaml --env dev",
      "  slipway-cli env list -o json",
      "  source <(slipway-cli completion bash)"
    })
public final class SlipwayCli {

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "table (default), json or yaml.",
      converter = FormatConverter.class)
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      description = "The gateway (default: $SLIPWAY_URL, else " + Settings.DEFAULT_URL + ").")
  String url;

  @Option(
      names = "--issuer",
      scope = ScopeType.INHERIT,
      description = "The OIDC issuer (default: $SLIPWAY_OIDC_ISSUER).")
  String issuer;

  @Option(
      names = "--client-id",
      scope = ScopeType.INHERIT,
      description = "The OIDC client (default: $SLIPWAY_OIDC_CLIENT_ID, else slipway-cli).")
  String clientId;

  private final Io io;
  private final Clock clock;
  private final Oidc.Sleeper sleeper;
  private final Http http = new Http();
  private Gateway gateway;

  public SlipwayCli(Io io, Clock clock, Oidc.Sleeper sleeper) {
    this.io = io;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static void main(String[] args) {
    Io io = Io.system();
    int code = run(io, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), args);
    System.exit(code);
  }

  /** Runs one command line; the exit code is the process's. */
  public static int run(Io io, Clock clock, Oidc.Sleeper sleeper, String... args) {
    CommandLine cli = commandLine(new SlipwayCli(io, clock, sleeper));
    cli.setOut(io.out());
    cli.setErr(io.err());
    int code = cli.execute(args);
    io.out().flush();
    io.err().flush();
    return code;
  }

  public static CommandLine commandLine(SlipwayCli root) {
    CommandLine cli = new CommandLine(root);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          var err = commandLine.getErr();
          if (e instanceof CliException ce) {
            OutputFormat format = of(commandLine.getCommandSpec()).output;
            if (ce.problem() != null && format != OutputFormat.TABLE) {
              // Scripts get the problem itself on standard output, in the format they asked for.
              format.print(commandLine.getOut(), ce.problem(), () -> "");
            }
            err.print(ProblemRenderer.render(ce.getMessage(), ce.problem()));
            err.flush();
            return ce.exitCode();
          }
          if (e instanceof UncheckedIOException failure) {
            err.println("Error: " + failure.getMessage());
            err.flush();
            return ExitCode.SERVER;
          }
          throw e;
        });
    return cli;
  }

  /** The root of the command a subcommand belongs to. */
  public static SlipwayCli of(CommandSpec spec) {
    return (SlipwayCli) spec.root().userObject();
  }

  public Io io() {
    return io;
  }

  public Clock clock() {
    return clock;
  }

  public Oidc.Sleeper sleeper() {
    return sleeper;
  }

  public Http http() {
    return http;
  }

  public OutputFormat output() {
    return output;
  }

  public Settings settings() {
    return Settings.resolve(io, url, issuer, clientId);
  }

  public CredentialsStore store() {
    return new CredentialsStore(settings().credentialsFile());
  }

  public Gateway gateway() {
    if (gateway == null) {
      gateway = new Gateway(http, settings(), store(), clock);
    }
    return gateway;
  }

  /** {@code --team}, else SLIPWAY_TEAM, else the only team in the token. */
  public String team(String flag) {
    if (flag != null) {
      return flag;
    }
    if (io.env("SLIPWAY_TEAM") != null) {
      return io.env("SLIPWAY_TEAM");
    }
    List<String> teams = gateway().credentials().teams();
    if (teams.size() == 1) {
      return teams.get(0);
    }
    throw new CliException(
        ExitCode.USAGE,
        teams.isEmpty()
            ? "Which team? Give --team (your token names no team)."
            : "Which team? Give --team: you are in " + String.join(", ", teams) + ".");
  }

  /** {@code --env}, else SLIPWAY_ENV, else dev. */
  public String env(String flag) {
    if (flag != null) {
      return flag;
    }
    return io.env("SLIPWAY_ENV") != null ? io.env("SLIPWAY_ENV") : "dev";
  }

  public Oidc oidc(Settings settings) {
    return new Oidc(http, settings.issuer(), settings.clientId(), clock, sleeper);
  }

  /** Parses -o values case-insensitively. */
  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an output format: table, json or yaml");
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SlipwayCli.class.getPackage().getImplementationVersion();
      return new String[] {"slipway-cli " + (version == null ? "dev" : version)};
    }
  }
}
