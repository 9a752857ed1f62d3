package dev.slipway.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gateway.config.ConsoleConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The web console (module {@code web}, its jar's {@code META-INF/resources/console/} served as
 * static files): its sign-in settings, and {@code index.html} for every console path without a file
 * extension, so a deep link or a reload of {@code /console/teams/payments} opens the app, which
 * routes in the browser. These are Vert.x routes, not JAX-RS ones: nothing here reads a token or
 * touches the API, whose routes all pass the access filter.
 */
@Singleton
public class ConsoleRoutes {

  static final String BASE = "/console";

  private final String settings;

  public ConsoleRoutes(ConsoleConfig config, ObjectMapper json) throws JsonProcessingException {
    this.settings =
        json.writeValueAsString(
            Map.of("authority", config.authority(), "clientId", config.clientId()));
  }

  void install(@Observes StartupEvent start, Router router) {
    router
        .get(BASE + "/config.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(settings));
    // Paths with a dot are files (assets): a missing one stays a 404, not the app.
    router.getWithRegex(BASE + "(/[^.]*)?").handler(ctx -> ctx.reroute(BASE + "/index.html"));
    router
        .get("/")
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(303)
                    .putHeader(HttpHeaders.LOCATION, BASE + "/")
                    .end());
  }
}
