package dev.slipway.cost.domain.bill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Google Cloud billing export to BigQuery (the detailed usage cost table, {@code
 * gcp_billing_export_resource_v1_*}) as exported from BigQuery: newline-delimited JSON, or CSV with
 * the nested fields flattened ({@code service.description} or {@code service_description}, {@code
 * resource.global_name} or {@code resource_global_name}). A row's cost is {@code cost} plus its
 * {@code credits[].amount} (negative; JSON only). A row is a node's when it is a Compute Engine VM:
 * {@code service.description} "Compute Engine" and a {@code resource.global_name} of {@code
 * .../instances/...}. The day is {@code usage_start_time}'s.
 */
public final class GcpBillingReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GcpBillingReader() {}

  /** JSON lines when the first character is '{', CSV otherwise. */
  public static BillTotals read(Reader in) {
    BufferedReader buffered = new BufferedReader(in);
    try {
      buffered.mark(1);
      int first = buffered.read();
      while (first != -1 && Character.isWhitespace(first)) {
        buffered.mark(1);
        first = buffered.read();
      }
      buffered.reset();
      return first == '{' ? jsonLines(buffered) : csv(buffered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BillTotals jsonLines(BufferedReader in) throws IOException {
    BillTotals totals = new BillTotals();
    long line = 0;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = JSON.readTree(text);
      } catch (IOException e) {
        throw new BillFormatException(line, "", "is not a JSON object");
      }
      if (!row.isObject()) {
        throw new BillFormatException(line, "", "is not a JSON object");
      }
      var day = BillFields.day(line, "usage_start_time", text(row.path("usage_start_time")));
      BigDecimal cost = BillFields.amount(line, "cost", text(row.path("cost")));
      JsonNode credits = row.path("credits");
      for (int i = 0; i < credits.size(); i++) {
        cost =
            cost.add(
                BillFields.amount(
                    line, "credits[" + i + "].amount", text(credits.get(i).path("amount"))));
      }
      boolean node =
          isNode(
              text(row.path("service").path("description")),
              text(row.path("resource").path("global_name")));
      totals.add(line, "currency", day, node, cost, text(row.path("currency")));
    }
    return totals;
  }

  private static BillTotals csv(BufferedReader in) {
    CsvRecords csv = new CsvRecords(in);
    List<String> header = csv.next();
    if (header == null) {
      throw new BillFormatException(
          1, "", "the file is empty: a CSV export starts with its header");
    }
    // BigQuery names a flattened column service_description; either spelling is accepted.
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.put(
          header
              .get(i)
              .trim()
              .replace('_', '.')
              .replace("usage.start.time", "usage_start_time")
              .replace("global.name", "global_name"),
          i);
    }
    for (String required :
        List.of(
            "usage_start_time",
            "cost",
            "currency",
            "service.description",
            "resource.global_name")) {
      if (!at.containsKey(required)) {
        throw new BillFormatException(1, required, "is missing from the header");
      }
    }
    BillTotals totals = new BillTotals();
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      long line = csv.line();
      if (row.size() != header.size()) {
        throw new BillFormatException(
            line, "", "has " + row.size() + " fields, the header " + header.size());
      }
      var day = BillFields.day(line, "usage_start_time", row.get(at.get("usage_start_time")));
      BigDecimal cost = BillFields.amount(line, "cost", row.get(at.get("cost")));
      boolean node =
          isNode(row.get(at.get("service.description")), row.get(at.get("resource.global_name")));
      totals.add(line, "currency", day, node, cost, row.get(at.get("currency")).trim());
    }
    return totals;
  }

  private static boolean isNode(String service, String globalName) {
    return "Compute Engine".equals(service)
        && globalName != null
        && globalName.contains("/instances/");
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
