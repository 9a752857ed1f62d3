package dev.slipway.cli.commands;

import dev.slipway.cli.CliException;

/**
 * Commands whose route the gateway does not have yet. They say so, with exit code 3, rather than
 * guess a route: when the gateway grows one, the command is written against its real shape.
 */
final class NotYet {

  private NotYet() {}

  /**
   * Whether the gateway answered as for a route it does not have: 405, or the kit's generic 404
   * ("Not found.") rather than a 404 naming a missing object.
   */
  static boolean missingRoute(CliException e) {
    if (e.problem() == null) {
      return false;
    }
    int status = e.problem().path("status").asInt();
    return status == 405
        || (status == 404 && "Not found.".equals(e.problem().path("detail").asText()));
  }

  static CliException route(String what, String planned) {
    return CliException.notAvailable(
        what + " is not available yet: the gateway has no route for it (" + planned + ").");
  }
}
