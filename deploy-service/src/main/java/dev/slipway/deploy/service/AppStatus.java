package dev.slipway.deploy.service;

/** Where an app stands, as {@code GET .../apps/{app}} shows it. */
public final class AppStatus {

  /** Applied; the Deployment is rolling out. */
  public static final String PROGRESSING = "PROGRESSING";

  /** Every replica of the current revision is available. */
  public static final String READY = "READY";

  /** The rollout did not finish within the progress deadline. */
  public static final String FAILED = "FAILED";

  /** Applied, with nothing to roll out (CronJob, Job). */
  public static final String APPLIED = "APPLIED";

  private AppStatus() {}
}
