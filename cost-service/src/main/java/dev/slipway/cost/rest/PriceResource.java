package dev.slipway.cost.rest;

import dev.slipway.cost.domain.PriceList;
import dev.slipway.cost.persistence.PriceStore;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.kit.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The price list (platform admins only); a new list applies from now on, never to the past. */
@Path("/api/v1/platform/prices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "costs")
public class PriceResource {

  private final PriceStore prices;
  private final CurrentCaller caller;
  private final Clock clock;

  public PriceResource(PriceStore prices, CurrentCaller caller, Clock clock) {
    this.prices = prices;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Operation(summary = "The price list in force")
  public Uni<PriceListBody> get() {
    requireAdmin();
    return current(clock.instant());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the price list; it applies to usage from now on")
  public Uni<PriceListBody> put(PriceListBody body) {
    requireAdmin();
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      throw ProblemException.invalid(List.of(new FieldError("vcpuHour", "a body is required")));
    }
    amount("vcpuHour", body.vcpuHour(), errors);
    amount("gibHour", body.gibHour(), errors);
    amount("storageGibMonth", body.storageGibMonth(), errors);
    if (body.namespaceMonth() != null) {
      amount("namespaceMonth", body.namespaceMonth(), errors);
    }
    if (body.currency() == null || !body.currency().matches("[A-Z]{3}")) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code such as USD"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    PriceList list =
        new PriceList(
            body.vcpuHour(),
            body.gibHour(),
            body.storageGibMonth(),
            body.namespaceMonth() == null ? BigDecimal.ZERO : body.namespaceMonth(),
            body.currency());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(() -> prices.set(list, now, caller.get().username()))
        .chain(() -> current(now));
  }

  private Uni<PriceListBody> current(Instant at) {
    return prices
        .at(at)
        .map(
            e ->
                new PriceListBody(
                    e.prices().vcpuHour(),
                    e.prices().gibHour(),
                    e.prices().storageGibMonth(),
                    e.prices().namespaceMonth(),
                    e.prices().currency(),
                    e.since(),
                    e.since() == null ? "config" : "admin"));
  }

  private void requireAdmin() {
    if (!caller.get().platformAdmin()) {
      throw ProblemException.forbidden("Only platform admins manage the price list.");
    }
  }

  private static void amount(String field, BigDecimal value, List<FieldError> errors) {
    if (value == null || value.signum() < 0) {
      errors.add(new FieldError(field, "must be a number, zero or more"));
    }
  }
}
