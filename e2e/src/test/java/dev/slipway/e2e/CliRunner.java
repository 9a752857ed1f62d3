package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Io;
import dev.slipway.cli.Oidc;
import dev.slipway.cli.SlipwayCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the CLI in-process as one user (their own config directory, so their own credentials) with
 * the settings of a platform, and plays the person at the browser for {@code login --browser}.
 */
final class CliRunner {

  record Run(int exit, String out, String err) {}

  private static final Pattern SIGN_IN_URL = Pattern.compile("^  (http\\S+)$", Pattern.MULTILINE);

  private final String gatewayUrl;
  private final String issuer;
  private final Path config;
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  CliRunner(String gatewayUrl, String issuer, Path config) {
    this.gatewayUrl = gatewayUrl;
    this.issuer = issuer;
    this.config = config;
  }

  Run run(String stdin, String... args) {
    return run(stdin, d -> Thread.sleep(d.toMillis()), new StringWriter(), args);
  }

  /** With a sleeper that ends {@code --follow} loops: interrupted at the first wait. */
  Run runOnce(String... args) {
    return run(
        "",
        d -> {
          throw new InterruptedException("one poll only");
        },
        new StringWriter(),
        args);
  }

  private Run run(String stdin, Oidc.Sleeper sleeper, StringWriter err, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("SLIPWAY_URL", gatewayUrl);
    env.put("SLIPWAY_OIDC_ISSUER", issuer);
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("SLIPWAY_DEV_ENV", "/nonexistent");
    StringWriter out = new StringWriter();
    Io io =
        new Io(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            env,
            false);
    int exit = SlipwayCli.run(io, Clock.systemUTC(), sleeper, args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Starts {@code login --browser --no-browser}; the sign-in URL it prints, and its end. */
  record PendingLogin(String url, CompletableFuture<Run> run) {
    String redirectUri() {
      return param("redirect_uri");
    }

    String state() {
      return param("state");
    }

    private String param(String name) {
      Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
      assertThat(m.find()).as(url).isTrue();
      return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    Run await() throws Exception {
      return run.get(60, TimeUnit.SECONDS);
    }
  }

  PendingLogin startBrowserLogin() throws InterruptedException {
    StringWriter err = new StringWriter();
    CompletableFuture<Run> run =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "",
                    d -> Thread.sleep(d.toMillis()),
                    err,
                    "login",
                    "--browser",
                    "--no-browser",
                    "--timeout",
                    "60"));
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = SIGN_IN_URL.matcher(err.toString());
      if (m.find()) {
        return new PendingLogin(m.group(1), run);
      }
      assertThat(run).as("login ended before printing a URL: " + err).isNotDone();
      Thread.sleep(50);
    }
    throw new AssertionError("login printed no sign-in URL in 30 s: " + err);
  }

  /** What a person does in the browser: open the URL, fill in the form, follow the redirect. */
  Run loginInBrowser(String username, String password) throws Exception {
    PendingLogin login = startBrowserLogin();
    HttpResponse<String> page = get(login.url());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("<form");
    HttpResponse<String> submitted =
        browser.send(
            HttpRequest.newBuilder(URI.create(login.url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + URLEncoder.encode(username, StandardCharsets.UTF_8)
                            + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
    String redirect = submitted.headers().firstValue("Location").orElseThrow();
    assertThat(redirect).startsWith(login.redirectUri());
    HttpResponse<String> landed = get(redirect);
    assertThat(landed.body()).contains("Signed in to Slipway");
    return login.await();
  }

  HttpResponse<String> get(String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
