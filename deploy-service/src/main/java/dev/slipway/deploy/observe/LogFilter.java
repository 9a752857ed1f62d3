package dev.slipway.deploy.observe;

import java.util.regex.Pattern;

/**
 * Which lines a reader wants: those containing a text, or matching a regular expression. A regular
 * expression may look at a bounded number of characters per line, so a pattern that backtracks
 * catastrophically costs a bounded amount of CPU and the line simply does not match.
 */
sealed interface LogFilter {

  boolean matches(String message);

  LogFilter ALL = new All();

  static LogFilter contains(String text) {
    return new Contains(text);
  }

  static LogFilter regex(Pattern pattern, int budgetPerLine) {
    return new Regex(pattern, budgetPerLine);
  }

  record All() implements LogFilter {
    @Override
    public boolean matches(String message) {
      return true;
    }
  }

  record Contains(String text) implements LogFilter {
    @Override
    public boolean matches(String message) {
      return message.contains(text);
    }
  }

  record Regex(Pattern pattern, int budgetPerLine) implements LogFilter {
    @Override
    public boolean matches(String message) {
      try {
        return pattern.matcher(new BudgetedChars(message, budgetPerLine)).find();
      } catch (BudgetedChars.Exhausted e) {
        return false;
      }
    }
  }

  /** A line whose characters may be read a bounded number of times in all. */
  final class BudgetedChars implements CharSequence {
    static final class Exhausted extends RuntimeException {
      Exhausted() {
        super(null, null, false, false);
      }
    }

    private final String text;
    private final int[] left;

    BudgetedChars(String text, int budget) {
      this(text, new int[] {budget});
    }

    private BudgetedChars(String text, int[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
