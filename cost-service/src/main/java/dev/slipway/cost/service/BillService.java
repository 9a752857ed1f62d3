package dev.slipway.cost.service;

import dev.slipway.cost.domain.BillAllocation;
import dev.slipway.cost.domain.bill.AwsCurReader;
import dev.slipway.cost.domain.bill.BillTotals;
import dev.slipway.cost.domain.bill.GcpBillingReader;
import dev.slipway.cost.persistence.BillStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Cloud bills: import (parse, then replace the days they cover) and reconciliation. */
@ApplicationScoped
public class BillService {

  private static final Logger LOG = Logger.getLogger(BillService.class);

  /** The export formats, by the name the route takes. */
  public enum Provider {
    AWS_CUR("aws-cur", AwsCurReader::read),
    GCP_BILLING("gcp-billing", GcpBillingReader::read);

    public final String wire;
    final Function<Reader, BillTotals> reader;

    Provider(String wire, Function<Reader, BillTotals> reader) {
      this.wire = wire;
      this.reader = reader;
    }

    public static Provider fromWire(String wire) {
      for (Provider p : values()) {
        if (p.wire.equals(wire)) {
          return p;
        }
      }
      return null;
    }
  }

  public record Imported(
      long importId,
      String provider,
      long rows,
      LocalDate from,
      LocalDate to,
      BigDecimal nodeAmount,
      BigDecimal otherAmount,
      String currency) {}

  private final BillStore store;

  public BillService(BillStore store) {
    this.store = store;
  }

  /** Blocking: parses the whole stream (throws BillFormatException) before storing anything. */
  public BillTotals parse(Provider provider, Reader in) {
    return provider.reader.apply(in);
  }

  public Uni<Imported> store(Provider provider, BillTotals totals, String who, Instant at) {
    List<BillTotals.Day> days = totals.days();
    BigDecimal node = BigDecimal.ZERO;
    BigDecimal other = BigDecimal.ZERO;
    for (BillTotals.Day d : days) {
      node = node.add(d.nodeAmount());
      other = other.add(d.otherAmount());
    }
    BigDecimal nodeTotal = node;
    BigDecimal otherTotal = other;
    return store
        .replace(provider.wire, totals, who, at)
        .map(
            id -> {
              LOG.infof(
                  "bill imported provider=%s id=%d rows=%d days=%d by=%s",
                  provider.wire, id, totals.rows(), days.size(), who);
              return new Imported(
                  id,
                  provider.wire,
                  totals.rows(),
                  days.isEmpty() ? null : days.get(0).day(),
                  days.isEmpty() ? null : days.get(days.size() - 1).day(),
                  nodeTotal,
                  otherTotal,
                  totals.currency());
            });
  }

  /** Every billed day from..to shared out over the list-priced figures of that day. */
  public Uni<List<BillAllocation.Day>> reconcile(LocalDate from, LocalDate to) {
    return store
        .billedDays(from, to)
        .chain(
            billed ->
                billed.isEmpty()
                    ? Uni.createFrom().item(List.<BillAllocation.Day>of())
                    : store
                        .listDays(from, to)
                        .map(
                            (Map<LocalDate, BillAllocation.ListDay> list) -> {
                              List<BillAllocation.Day> days = new ArrayList<>();
                              for (BillStore.BilledDay b : billed) {
                                BillAllocation.ListDay day =
                                    list.getOrDefault(
                                        b.day(),
                                        BillAllocation.ListDay.of(
                                            b.day(), BigDecimal.ZERO, List.of()));
                                days.add(
                                    BillAllocation.allocate(day, b.nodeAmount(), b.otherAmount()));
                              }
                              return days;
                            }));
  }
}
