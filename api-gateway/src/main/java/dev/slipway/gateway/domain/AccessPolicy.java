package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.Caller;

/**
 * The access matrix of ARCHITECTURE.md for the commands the gateway takes. Team membership is
 * checked first and answers 404 (a team's objects are invisible to others); a member lacking the
 * tier answers 403.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  public static void deploy(Caller caller, String team, String environment, EnvironmentKind kind) {
    caller.requireTeam(team, "Environment " + team + "/" + environment);
    if (kind == EnvironmentKind.PRODUCTION && !caller.isTechLead(team)) {
      throw ProblemException.forbidden(
          "A developer's deploy to production needs a tech lead of "
              + team
              + ": ask one to deploy it, or to approve your request.");
    }
  }

  public static void createEnvironment(Caller caller, String team, EnvironmentKind kind) {
    caller.requireTeam(team, "Team " + team);
    if (kind == EnvironmentKind.PRODUCTION && !caller.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only a tech lead of " + team + " or a platform admin creates production environments.");
    }
  }

  /** Deleting follows creating: production only by a tech lead of the team or a platform admin. */
  public static void deleteEnvironment(
      Caller caller, String team, String environment, EnvironmentKind kind) {
    caller.requireTeam(team, "Environment " + team + "/" + environment);
    if (kind == EnvironmentKind.PRODUCTION && !caller.isTechLead(team)) {
      throw ProblemException.forbidden(
          "Only a tech lead of " + team + " or a platform admin deletes production environments.");
    }
  }

  /** A clone is a new environment: its kind decides, as for creating one. */
  public static void cloneEnvironment(Caller caller, String team, EnvironmentKind targetKind) {
    createEnvironment(caller, team, targetKind);
  }
}
