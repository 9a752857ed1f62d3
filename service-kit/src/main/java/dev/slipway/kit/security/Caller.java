package dev.slipway.kit.security;

import dev.slipway.kit.problem.ProblemException;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from the verified token: their teams with a role in each, and whether they are a
 * platform admin. The one ownership check every lookup goes through.
 */
public record Caller(
    String subject, String username, Map<String, Role> teams, boolean platformAdmin) {

  public enum Role {
    DEVELOPER,
    TECH_LEAD
  }

  public boolean canSee(String team) {
    return platformAdmin || teams.containsKey(team);
  }

  /**
   * Answers 404 for a team the caller is not in, exactly as for a team that does not exist, so a
   * guessed name reveals nothing.
   */
  public void requireTeam(String team, String what) {
    if (!canSee(team)) {
      throw ProblemException.notFound(what);
    }
  }

  public Set<String> visibleTeams() {
    return teams.keySet();
  }

  public boolean isTechLead(String team) {
    return platformAdmin || teams.get(team) == Role.TECH_LEAD;
  }
}
