package dev.slipway.reliability;

/** The mix of operations the load drives through the gateway. */
public enum OperationType {
  DEPLOY("deploy"),
  ROLLBACK("rollback"),
  ENV_CREATE("environment create"),
  ENV_CLONE("environment clone"),
  ENV_DELETE("environment delete"),
  SECRET_CREATE("secret create"),
  SECRET_ROTATE("secret rotate"),
  APPROVED_DEPLOY("approval (production deploy)");

  private final String label;

  OperationType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
