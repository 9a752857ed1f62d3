package dev.slipway.launcher.services;

import java.nio.file.Path;
import java.util.List;

/** A Slipway service of the local run: its module, fixed port and database. */
public record SlipwayService(String name, int port, String database) {

  public static final SlipwayService GATEWAY = new SlipwayService("api-gateway", 8080, "gateway");

  public static final List<SlipwayService> ALL =
      List.of(
          GATEWAY,
          new SlipwayService("deploy-service", 8081, "deploy"),
          new SlipwayService("environment-service", 8082, "environment"),
          new SlipwayService("secret-service", 8083, "secret"),
          new SlipwayService("cost-service", 8084, "cost"),
          new SlipwayService("audit-service", 8085, "audit"));

  public Path jar(Path repoRoot) {
    return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The gateway's rest client key, e.g. {@code DEPLOY_SERVICE} in ..._DEPLOY_SERVICE_URL. */
  String restClientKey() {
    return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
