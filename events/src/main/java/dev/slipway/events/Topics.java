package dev.slipway.events;

/**
 * Kafka topics, one per aggregate. Records are keyed by the aggregate id so one app stays ordered.
 */
public final class Topics {
  public static final String DEPLOY = "slipway.deploy";
  public static final String ENVIRONMENT = "slipway.environment";
  public static final String SECRET = "slipway.secret";
  public static final String COST = "slipway.cost";
  public static final String APPROVAL = "slipway.approval";
  public static final String AUDIT = "slipway.audit";

  /**
   * Messages no consumer could process, with the reason in the {@code dead-letter-reason} header.
   */
  public static final String DEAD_LETTER = "slipway.dlq";

  public static final java.util.List<String> ALL =
      java.util.List.of(DEPLOY, ENVIRONMENT, SECRET, COST, APPROVAL, AUDIT, DEAD_LETTER);

  private Topics() {}
}
