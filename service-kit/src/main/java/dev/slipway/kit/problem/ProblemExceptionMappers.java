package dev.slipway.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.slipway.events.FieldError;
import dev.slipway.kit.inbox.EventHandling;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become HTTP answers: always problem+json, never a stack trace, never a value
 * from the request body (it may hold a secret).
 */
public class ProblemExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, @Context UriInfo uri) {
    return respond(e.problem().withInstance(uri.getPath()));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, @Context UriInfo uri) {
    String field =
        e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[")
            : "$";
    return respond(
        Problem.of(400, "Invalid request", "The request body could not be read.")
            .withErrors(List.of(new FieldError(field, unreadableReason(e))))
            .withInstance(uri.getPath()));
  }

  /**
   * Says what is wrong without Jackson's message, which quotes the offending input: in a secret's
   * body that would be the secret.
   */
  static String unreadableReason(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
        && mismatch.getTargetType() != null) {
      return "must be of type " + mismatch.getTargetType().getSimpleName();
    }
    var location = e.getLocation();
    return location == null
        ? "is not valid JSON"
        : "is not valid JSON (line "
            + location.getLineNr()
            + ", column "
            + location.getColumnNr()
            + ")";
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, @Context UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (e.getResponse().hasEntity() && e.getResponse().getEntity() instanceof Problem) {
      return e.getResponse();
    }
    var reason = Response.Status.fromStatusCode(status);
    String title = reason != null ? reason.getReasonPhrase() : "HTTP " + status;
    return respond(Problem.of(status, title, title + ".").withInstance(uri.getPath()));
  }

  @ServerExceptionMapper({
    io.quarkus.security.UnauthorizedException.class,
    io.quarkus.security.AuthenticationFailedException.class,
    io.quarkus.security.AuthenticationCompletionException.class
  })
  public Response unauthenticated(RuntimeException e, @Context UriInfo uri) {
    return Response.fromResponse(
            respond(
                Problem.of(401, "Unauthenticated", "A valid bearer token is required.")
                    .withInstance(uri.getPath())))
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
  public Response forbidden(RuntimeException e, @Context UriInfo uri) {
    return respond(
        Problem.of(403, "Forbidden", "Your role does not allow this.").withInstance(uri.getPath()));
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, @Context UriInfo uri) {
    return respond(forUnexpected(e, uri.getPath()));
  }

  /**
   * A dependency that is down (the database stopped, a connection cut) is a 503 the client may
   * retry, not a 500: nothing was changed, since the transaction did not commit.
   */
  static Problem forUnexpected(Throwable e, String path) {
    if (EventHandling.isTransient(e)) {
      LOG.warnf("a dependency is unavailable on %s: %s", path, e.toString());
      return Problem.of(
              503,
              "Service unavailable",
              "A dependency of this service is unavailable; nothing was changed. Try again shortly.")
          .withInstance(path);
    }
    LOG.errorf(e, "unexpected failure on %s", path);
    return Problem.of(
            500, "Internal error", "Something went wrong on our side; it has been logged.")
        .withInstance(path);
  }

  public static Response respond(Problem problem) {
    var response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (problem.status() == 503 || problem.status() == 504 || problem.status() == 429) {
      // Clients (and the CLI) back off instead of hammering a dependency that is down.
      response.header("Retry-After", "5");
    }
    return response.build();
  }
}
