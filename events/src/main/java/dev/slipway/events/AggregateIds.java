package dev.slipway.events;

/** Aggregate ids double as Kafka keys: all events of one app or environment share a partition. */
public final class AggregateIds {
  private AggregateIds() {}

  /** Team-wide facts (its quota) are keyed by the team alone. */
  public static String team(String team) {
    return team;
  }

  public static String environment(String team, String environment) {
    return team + "/" + environment;
  }

  public static String app(String team, String environment, String app) {
    return team + "/" + environment + "/" + app;
  }
}
