package dev.slipway.cli;

/** Placeholder. */
public final class SlipwayCli {
  public static void main(String[] args) {}
}
