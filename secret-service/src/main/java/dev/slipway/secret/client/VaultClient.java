package dev.slipway.secret.client;

import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.secret.config.SecretsConfig;
import dev.slipway.secret.domain.SecretValues;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;

/**
 * Vault's KV v2 HTTP API: write a version, delete every version. Errors name the path and the
 * status, never the request body.
 */
public class VaultClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebClient web;
  private final SecretsConfig.Vault config;

  public VaultClient(Vertx vertx, SecretsConfig.Vault config) {
    this.web = WebClient.create(vertx);
    this.config = config;
  }

  /** The KV path of a secret, relative to the mount. */
  public String path(String team, String environment, String name) {
    return config.pathPrefix() + "/" + team + "/" + environment + "/" + name;
  }

  /** Writes a new version; answers Vault's version number. */
  public Uni<Integer> write(String path, SecretValues values) {
    var body =
        new JsonObject().put("data", new JsonObject(new java.util.HashMap<>(values.asMap())));
    return web.postAbs(url("data", path))
        .putHeader("X-Vault-Token", config.token().orElse(""))
        .timeout(TIMEOUT.toMillis())
        .sendJsonObject(body)
        .onFailure()
        .transform(f -> new TransientFailure("Vault cannot be reached", f))
        .map(
            response -> {
              check(response, "write", path);
              return response.bodyAsJsonObject().getJsonObject("data").getInteger("version");
            });
  }

  /** Deletes the path's metadata and every version. */
  public Uni<Void> destroy(String path) {
    return web.deleteAbs(url("metadata", path))
        .putHeader("X-Vault-Token", config.token().orElse(""))
        .timeout(TIMEOUT.toMillis())
        .send()
        .onFailure()
        .transform(f -> new TransientFailure("Vault cannot be reached", f))
        .invoke(
            response -> {
              if (response.statusCode() != 404) {
                check(response, "delete", path);
              }
            })
        .replaceWithVoid();
  }

  private String url(String kind, String path) {
    String address = config.address().replaceAll("/+$", "");
    return address + "/v1/" + config.mount() + "/" + kind + "/" + path;
  }

  private static void check(HttpResponse<?> response, String what, String path) {
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      throw new TransientFailure("Vault answered " + status + " to " + what + " " + path, null);
    }
    if (status >= 300) {
      throw new IllegalStateException("Vault refused to " + what + " " + path + ": " + status);
    }
  }
}
