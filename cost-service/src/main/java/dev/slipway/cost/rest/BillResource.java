package dev.slipway.cost.rest;

import dev.slipway.cost.config.CostConfig;
import dev.slipway.cost.domain.BillAllocation;
import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.domain.bill.BillFormatException;
import dev.slipway.cost.domain.bill.BillTotals;
import dev.slipway.cost.persistence.PriceStore;
import dev.slipway.cost.service.BillService;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cloud bills (platform admins): upload an AWS Cost and Usage Report or a GCP billing export, and
 * see the nodes' bill shared out over teams' environments, idle and unallocated apart.
 */
@Path("/api/v1/platform/costs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "costs")
public class BillResource {

  private static final Duration STORE_TIMEOUT = Duration.ofMinutes(1);

  /** The bills of from..to against the list-priced figures of the same days. */
  public record Reconciliation(
      LocalDate from,
      LocalDate to,
      String currency,
      BigDecimal nodeBill,
      BigDecimal allocated,
      BigDecimal idle,
      BigDecimal unallocated,
      List<DayView> days,
      List<EnvironmentView> environments) {}

  public record DayView(
      LocalDate day,
      BigDecimal nodeBill,
      BigDecimal otherBill,
      BigDecimal factor,
      BigDecimal allocated,
      BigDecimal idle) {}

  /** {@code listAmount}: at list prices; {@code billedAmount}: the bill's share. */
  public record EnvironmentView(
      String team, String environment, BigDecimal listAmount, BigDecimal billedAmount) {}

  private final BillService bills;
  private final PriceStore prices;
  private final CurrentCaller caller;
  private final CostConfig config;
  private final Clock clock;

  public BillResource(
      BillService bills, PriceStore prices, CurrentCaller caller, CostConfig config, Clock clock) {
    this.bills = bills;
    this.prices = prices;
    this.caller = caller;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Streams the file row by row (gzip when sent as {@code application/gzip}); nothing is stored
   * unless every row parses. Runs on a worker thread: parsing blocks on the upload.
   */
  @POST
  @Path("/bills/{provider}")
  @Blocking
  @Consumes({"text/csv", "application/x-ndjson", "application/json", "application/gzip"})
  @Operation(summary = "Import a cloud bill: aws-cur (CUR CSV) or gcp-billing (JSON lines or CSV)")
  public BillService.Imported importBill(
      @PathParam("provider") String provider,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    requireAdmin();
    BillService.Provider format = BillService.Provider.fromWire(provider);
    if (format == null) {
      throw ProblemException.invalid(
          List.of(new FieldError("provider", "must be aws-cur or gcp-billing")));
    }
    long limit = config.bills().maxSize().asLongValue();
    BillTotals totals;
    try (Reader reader = reader(body, contentType, limit)) {
      totals = bills.parse(format, reader);
    } catch (BillFormatException e) {
      String field = e.column().isEmpty() ? "line " + e.line() : e.column();
      throw ProblemException.invalid(
          List.of(new FieldError(field, "line " + e.line() + ": " + e.getMessage())));
    } catch (IOException | UncheckedIOException e) {
      if (e instanceof TooLarge || e.getCause() instanceof TooLarge) {
        throw new ProblemException(
            Problem.of(413, "Bill too large", "A bill file may hold at most " + limit + " bytes."));
      }
      throw ProblemException.invalid(
          List.of(
              new FieldError("file", "could not be read (" + e.getClass().getSimpleName() + ")")));
    }
    var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String listCurrency = prices.at(now).await().atMost(STORE_TIMEOUT).prices().currency();
    if (totals.currency() != null && !totals.currency().equals(listCurrency)) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "currency",
                  "the bill is in "
                      + totals.currency()
                      + ", the price list in "
                      + listCurrency
                      + ": set a price list in the bill's currency first")));
    }
    return bills.store(format, totals, caller.get().username(), now).await().atMost(STORE_TIMEOUT);
  }

  @GET
  @Path("/reconciliation")
  @Operation(summary = "The nodes' bill shared out over environments; idle and unallocated apart")
  public Uni<Reconciliation> reconciliation(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    requireAdmin();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<FieldError> errors = new ArrayList<>();
    LocalDate first = Params.day("from", from, today.withDayOfMonth(1), errors);
    LocalDate last = Params.day("to", to, today, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return bills
        .reconcile(first, last)
        .chain(
            days ->
                prices
                    .at(clock.instant())
                    .map(effective -> view(first, last, effective.prices().currency(), days)));
  }

  private static Reconciliation view(
      LocalDate from, LocalDate to, String currency, List<BillAllocation.Day> days) {
    BigDecimal node = BigDecimal.ZERO;
    BigDecimal allocated = BigDecimal.ZERO;
    BigDecimal idle = BigDecimal.ZERO;
    BigDecimal other = BigDecimal.ZERO;
    List<DayView> dayViews = new ArrayList<>();
    Map<String, BigDecimal[]> environments = new LinkedHashMap<>();
    for (BillAllocation.Day d : days) {
      node = node.add(d.nodeBill());
      allocated = allocated.add(d.allocated());
      idle = idle.add(d.idle());
      other = other.add(d.otherBill());
      dayViews.add(
          new DayView(
              d.day(),
              PlanEstimate.round(d.nodeBill()),
              PlanEstimate.round(d.otherBill()),
              d.factor(),
              PlanEstimate.round(d.allocated()),
              PlanEstimate.round(d.idle())));
      for (BillAllocation.Share s : d.shares()) {
        BigDecimal[] sums =
            environments.computeIfAbsent(
                s.team() + "/" + s.environment(),
                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(s.listAmount());
        sums[1] = sums[1].add(s.billedAmount());
      }
    }
    List<EnvironmentView> envViews = new ArrayList<>();
    environments.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String[] key = e.getKey().split("/", 2);
              envViews.add(
                  new EnvironmentView(
                      key[0],
                      key[1],
                      PlanEstimate.round(e.getValue()[0]),
                      PlanEstimate.round(e.getValue()[1])));
            });
    return new Reconciliation(
        from,
        to,
        currency,
        PlanEstimate.round(node),
        PlanEstimate.round(allocated),
        PlanEstimate.round(idle),
        PlanEstimate.round(other),
        dayViews,
        envViews);
  }

  private static Reader reader(InputStream body, String contentType, long limit)
      throws IOException {
    InputStream in = body;
    if (contentType != null && contentType.startsWith("application/gzip")) {
      in = new GZIPInputStream(in);
    }
    return new InputStreamReader(new LimitedStream(in, limit), StandardCharsets.UTF_8);
  }

  private void requireAdmin() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins import and reconcile cloud bills.");
    }
  }

  /** Raised when a file (uncompressed) passes the configured size. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("too large");
    }
  }

  /** Counts the bytes read and stops at the limit, so a large (or zip-bombed) file is refused. */
  static final class LimitedStream extends java.io.FilterInputStream {
    private final long limit;
    private long read;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge();
      }
    }
  }
}
