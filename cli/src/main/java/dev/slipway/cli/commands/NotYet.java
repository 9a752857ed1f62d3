package dev.slipway.cli.commands;

import dev.slipway.cli.CliException;

/**
 * Commands whose route the gateway does not have yet. They say so, with exit code 3, rather than
 * guess a route: when the gateway grows one, the command is written against its real shape.
 */
final class NotYet {

  private NotYet() {}

  static CliException route(String what, String planned) {
    return CliException.notAvailable(
        what + " is not available yet: the gateway has no route for it (" + planned + ").");
  }
}
