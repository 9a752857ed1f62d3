package dev.slipway.gateway.rest;

import dev.slipway.gateway.config.LimitsConfig;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemExceptionMappers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/**
 * Size limits, before anything reads a body: {@code Content-Length} over the limit answers 413
 * problem+json at once; a body that arrives without a length and grows past the limit fails where
 * it is read (Quarkus's request stream), and that failure is turned into the same 413 problem+json
 * here. JSON nested deeper than the limit answers 400 (see {@link JsonDepthInterceptor}).
 *
 * <p>Every route has {@code slipway.limits.max-body-size}, except the cloud-bill upload, which has
 * {@code slipway.limits.bill-max-body-size} and is streamed on (its resource counts the bytes).
 * Quarkus's own {@code quarkus.http.limits.max-body-size} is set to the larger of the two so that
 * its length check lets a bill through; the per-route limit is then put where Quarkus's request
 * stream reads it.
 */
@Singleton
public class RequestLimits {

  static final String BILLS = "/api/v1/platform/costs/bills/";

  private final LimitsConfig limits;

  public RequestLimits(LimitsConfig limits) {
    this.limits = limits;
  }

  void install(@Observes StartupEvent start, Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              long max = limit(ctx);
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
                tooLarge(ctx, limit(ctx));
              } else {
                ctx.next();
              }
            });
    // After Quarkus put its global limit (order -2): the bill upload's stream is unlimited here
    // because its resource counts the bytes itself and answers 413 past the bill limit.
    router
        .route()
        .order(-1)
        .handler(
            ctx -> {
              ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, isBill(ctx) ? -1L : limit(ctx));
              ctx.next();
            });
  }

  private long limit(RoutingContext ctx) {
    return (isBill(ctx) ? limits.billMaxBodySize() : limits.maxBodySize()).asLongValue();
  }

  static boolean isBill(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && ctx.request().path().startsWith(BILLS);
  }

  static void tooLarge(RoutingContext ctx, long max) {
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
