package dev.slipway.events;

/** What the secret events share: their Kafka key, so one secret's history stays in order. */
final class SecretEvents {
  private SecretEvents() {}

  static String aggregateId(String team, String environment, String name) {
    return team + "/" + environment + "/" + name;
  }
}
