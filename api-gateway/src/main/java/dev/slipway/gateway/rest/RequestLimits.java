package dev.slipway.gateway.rest;

import dev.slipway.gateway.config.LimitsConfig;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemExceptionMappers;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/**
 * Size limits, before anything reads a body: {@code Content-Length} over the limit answers 413
 * problem+json at once; a body that arrives without a length and grows past Quarkus's own {@code
 * quarkus.http.limits.max-body-size} fails in Vert.x, and that failure is turned into the same 413
 * problem+json here. JSON nested deeper than the limit answers 400 (see {@link
 * JsonDepthInterceptor}).
 */
@Singleton
public class RequestLimits {

  private final LimitsConfig limits;

  public RequestLimits(LimitsConfig limits) {
    this.limits = limits;
  }

  void install(@Observes StartupEvent start, Router router) {
    long max = limits.maxBodySize().asLongValue();
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null) {
                try {
                  if (Long.parseLong(length.trim()) > max) {
                    tooLarge(ctx, max);
                    return;
                  }
                } catch (NumberFormatException e) {
                  // Vert.x refuses a malformed length itself.
                }
              }
              ctx.next();
            })
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413) {
                tooLarge(ctx, max);
              } else {
                ctx.next();
              }
            });
  }

  private static void tooLarge(io.vertx.ext.web.RoutingContext ctx, long max) {
    Problem problem =
        Problem.of(
                413,
                "Payload too large",
                "The request body is larger than " + max / 1024 + " KiB; nothing was read.")
            .withInstance(ctx.request().path());
    Response response = ProblemExceptionMappers.respond(problem);
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(dev.slipway.events.EventJson.mapper().valueToTree(response.getEntity()).toString());
  }
}
