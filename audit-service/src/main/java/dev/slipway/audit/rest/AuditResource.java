package dev.slipway.audit.rest;

import dev.slipway.audit.config.AuditConfig;
import dev.slipway.audit.domain.AuditExport;
import dev.slipway.audit.domain.AuditQuery;
import dev.slipway.audit.domain.CheckpointKey;
import dev.slipway.audit.domain.TimelineEntry;
import dev.slipway.audit.service.AuditCheckpoints;
import dev.slipway.audit.service.AuditLog;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Search and verification of the audit log; callers see only their teams' records. */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

  static final String TEXT_CSV = "text/csv";
  static final String NDJSON = "application/x-ndjson";

  private final AuditLog auditLog;
  private final AuditConfig config;
  private final CurrentCaller caller;
  private final AuditCheckpoints checkpoints;

  public AuditResource(
      AuditLog auditLog, AuditConfig config, CurrentCaller caller, AuditCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
    this.auditLog = auditLog;
    this.config = config;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Search the audit log, in log order, one page at a time")
  public Uni<AuditPageResponse> search(
      @QueryParam("operationId") String operationId,
      @QueryParam("team") String team,
      @QueryParam("environment") String environment,
      @QueryParam("app") String app,
      @QueryParam("type") String type,
      @QueryParam("actor") String actor,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    var query =
        query(operationId, team, environment, app, type, actor, since, until, limit, cursor);
    return auditLog.search(caller.get(), query).map(AuditPageResponse::of);
  }

  @GET
  @Path("/export")
  @Produces({TEXT_CSV, NDJSON})
  @Operation(
      summary =
          "Export the records the filters select, in log order: CSV or JSON lines (format or"
              + " Accept)")
  public Uni<Response> export(
      @QueryParam("format") String format,
      @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @QueryParam("operationId") String operationId,
      @QueryParam("team") String team,
      @QueryParam("environment") String environment,
      @QueryParam("app") String app,
      @QueryParam("type") String type,
      @QueryParam("actor") String actor,
      @QueryParam("since") String since,
      @QueryParam("until") String until) {
    boolean csv =
        "csv".equals(format) || (format == null && accept != null && accept.contains(TEXT_CSV));
    if (format != null && !format.equals("csv") && !format.equals("jsonl")) {
      throw ProblemException.invalid(List.of(new FieldError("format", "must be csv or jsonl")));
    }
    var query =
        query(
            operationId,
            team,
            environment,
            app,
            type,
            actor,
            since,
            until,
            config.query().maxLimit(),
            null);
    var caller = this.caller.get();
    return auditLog
        .export(caller, query, config.export().maxRecords())
        .map(
            records -> {
              StringBuilder body = new StringBuilder();
              if (csv) {
                body.append(AuditExport.CSV_HEADER).append("\r\n");
                records.forEach(r -> body.append(AuditExport.csvRow(r)));
              } else {
                records.forEach(r -> body.append(AuditExport.jsonLine(r)));
              }
              return Response.ok(body.toString(), csv ? TEXT_CSV : NDJSON)
                  .header(
                      "Content-Disposition",
                      "attachment; filename=\"audit." + (csv ? "csv" : "jsonl") + "\"")
                  .header("X-Slipway-Records", records.size())
                  .build();
            });
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Live: records matching the filters as they are appended (SSE)")
  public Multi<AuditItem> stream(
      @QueryParam("operationId") String operationId,
      @QueryParam("team") String team,
      @QueryParam("environment") String environment,
      @QueryParam("app") String app,
      @QueryParam("type") String type,
      @QueryParam("actor") String actor,
      @QueryParam("cursor") String cursor) {
    var query =
        query(
            operationId,
            team,
            environment,
            app,
            type,
            actor,
            null,
            null,
            config.query().maxLimit(),
            cursor);
    // The request scope ends once the stream starts: read the caller now.
    var who = caller.get();
    return auditLog.follow(who, query).map(AuditItem::of);
  }

  @GET
  @Path("/timeline")
  @Operation(
      summary =
          "An environment's changes in time order: deploys, approvals, rotations, environment"
              + " changes, costs")
  public Uni<List<TimelineEntry>> timeline(
      @QueryParam("team") String team,
      @QueryParam("environment") String environment,
      @QueryParam("since") String since,
      @QueryParam("until") String until) {
    List<FieldError> errors = new ArrayList<>();
    if (blankToNull(team) == null) {
      errors.add(new FieldError("team", "is required"));
    }
    if (blankToNull(environment) == null) {
      errors.add(new FieldError("environment", "is required"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    var query =
        query(
            null,
            team,
            environment,
            null,
            null,
            null,
            since,
            until,
            config.query().maxLimit(),
            null);
    return auditLog
        .export(caller.get(), query, config.export().maxRecords())
        .map(
            records ->
                records.stream()
                    .map(TimelineEntry::of)
                    .sorted(
                        java.util.Comparator.comparing(TimelineEntry::at)
                            .thenComparingLong(TimelineEntry::seq))
                    .toList());
  }

  private AuditQuery query(
      String operationId,
      String team,
      String environment,
      String app,
      String type,
      String actor,
      String since,
      String until,
      Integer limit,
      String cursor) {
    List<FieldError> errors = new ArrayList<>();
    var query =
        new AuditQuery(
            blankToNull(operationId),
            blankToNull(team),
            blankToNull(environment),
            blankToNull(app),
            blankToNull(type),
            blankToNull(actor),
            instant("since", since, errors),
            instant("until", until, errors),
            limit(limit, errors),
            afterSeq(cursor, errors));
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return query;
  }

  @GET
  @Path("/verify")
  @Operation(summary = "Walk the hash chain; names the first broken record (platform admins)")
  public Uni<VerifyResponse> verify() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins may verify the whole audit chain.");
    }
    return auditLog.verify().map(VerifyResponse::of);
  }

  @GET
  @Path("/checkpoints")
  @Operation(summary = "Signed checkpoints of the chain, newest first (platform admins)")
  public Uni<CheckpointPageResponse> checkpoints(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins may read the audit checkpoints.");
    }
    List<FieldError> errors = new ArrayList<>();
    int size = limit(limit, errors);
    long beforeSeq = afterSeq(cursor, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return checkpoints
        .list(beforeSeq, size + 1)
        .map(
            found -> {
              List<CheckpointItem> items =
                  found.stream().limit(size).map(CheckpointItem::of).toList();
              String next = found.size() > size ? Cursor.encode(items.get(size - 1).seq()) : null;
              return new CheckpointPageResponse(items, next);
            });
  }

  @GET
  @Path("/checkpoints/public-key")
  @Operation(summary = "The public key that checks checkpoint signatures (PEM)")
  public PublicKeyResponse publicKey() {
    var key =
        checkpoints.key().orElseThrow(() -> ProblemException.notFound("The audit checkpoint key"));
    return new PublicKeyResponse(
        key.keyId(),
        CheckpointKey.ALGORITHM,
        key.publicKeyPem(),
        checkpoints.keyring().previous().stream()
            .map(k -> new PublicKeyResponse.PreviousKey(k.keyId(), k.pem()))
            .toList());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z"));
      return null;
    }
  }

  private int limit(Integer limit, List<FieldError> errors) {
    int max = config.query().maxLimit();
    if (limit == null) {
      return config.query().defaultLimit();
    }
    if (limit < 1 || limit > max) {
      errors.add(new FieldError("limit", "must be between 1 and " + max));
    }
    return limit;
  }

  private static long afterSeq(String cursor, List<FieldError> errors) {
    if (blankToNull(cursor) == null) {
      return 0L;
    }
    try {
      return Cursor.decode(cursor);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("cursor", "is not a cursor this API returned"));
      return 0L;
    }
  }
}
