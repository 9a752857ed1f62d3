package dev.slipway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the CLI sees of its process: streams, environment variables, and whether a person is at a
 * terminal. Tests pass their own, so nothing reads {@code System} directly.
 */
public final class Io {

  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;
  private final boolean tty;
  private BufferedReader reader;

  public Io(
      InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.tty = tty;
  }

  public static Io system() {
    return new Io(
        System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        System.getenv(),
        terminal());
  }

  /**
   * Whether standard input and output are a terminal. Up to Java 21 that is {@code System.console()
   * != null}; from 22 on a console exists even in a pipe and {@code Console.isTerminal()} says it.
   */
  static boolean terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** A person at a terminal: spinners, prompts, colours. Never for pipes and CI. */
  public boolean tty() {
    return tty;
  }

  /** One line of standard input, or null at its end. */
  public String readLine() {
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All of standard input. */
  public String readAll() {
    StringBuilder text = new StringBuilder();
    for (String line = readLine(); line != null; line = readLine()) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(line);
    }
    return text.toString();
  }

  /**
   * A secret from the terminal without echo, or the first line of standard input when it is not a
   * terminal (scripts: {@code printf %s "$PW" | slipway-cli login --password}).
   */
  public String readSecret(String prompt) {
    if (tty && System.console() != null) {
      // Not echoed: a password or a secret value.
      char[] chars = System.console().readPassword("%s", prompt);
      return chars == null ? null : new String(chars);
    }
    return readLine();
  }
}
