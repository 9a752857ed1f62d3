package dev.slipway.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gateway.config.ConsoleConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console (module {@code web}, its jar's {@code META-INF/resources/console/} served as
 * static files): its sign-in settings, and {@code index.html} for every console path without a file
 * extension, so a deep link or a reload of {@code /console/teams/payments} opens the app, which
 * routes in the browser. These are Vert.x routes, not JAX-RS ones: nothing here reads a token or
 * touches the API, whose routes all pass the access filter.
 *
 * <p>Every console response carries a Content-Security-Policy and the usual security headers. The
 * build has no inline script or style, so scripts, styles and fetches are limited to the gateway's
 * origin, plus the OIDC provider's origin for the sign-in's discovery and token requests
 * (oidc-client-ts fetches them from the browser). The provider's login page is a navigation, which
 * CSP does not restrict.
 */
@Singleton
public class ConsoleRoutes {

  static final String BASE = "/console";

  private final String settings;
  private final Map<String, String> securityHeaders;

  public ConsoleRoutes(ConsoleConfig config, ObjectMapper json) throws JsonProcessingException {
    this.settings =
        json.writeValueAsString(
            Map.of("authority", config.authority(), "clientId", config.clientId()));
    this.securityHeaders = securityHeaders(origin(config.authority()));
  }

  static Map<String, String> securityHeaders(String provider) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Security-Policy",
        String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self' " + provider,
            "frame-src " + provider,
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self' " + provider,
            "frame-ancestors 'none'"));
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    return Map.copyOf(headers);
  }

  /** "https://id.example.com/realms/x" -> "https://id.example.com" (CSP sources are origins). */
  static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /**
   * A filter, not a route: it runs before the static files' handler too, and on the reroute of a
   * deep link to {@code index.html}.
   */
  void headers(@Observes Filters filters) {
    filters.register(
        ctx -> {
          String path = ctx.normalizedPath();
          if (path.equals(BASE) || path.startsWith(BASE + "/")) {
            securityHeaders.forEach(ctx.response().headers()::set);
          }
          ctx.next();
        },
        100);
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
