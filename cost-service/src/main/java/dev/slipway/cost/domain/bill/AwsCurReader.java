package dev.slipway.cost.domain.bill;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An AWS Cost and Usage Report as CSV, legacy CUR ({@code lineItem/UnblendedCost}) or CUR 2.0
 * ({@code line_item_unblended_cost}), read row by row. A row is a node's when it is an EC2
 * instance's ({@code lineItem/ProductCode} AmazonEC2 and a resource id {@code i-...}, which needs
 * the report's resource ids); its savings-plan negations and reserved-instance lines carry the
 * instance id too, so they net out on the node. Every other row is "other". The day is {@code
 * lineItem/UsageStartDate}'s: use an hourly or daily report.
 */
public final class AwsCurReader {

  private enum Column {
    START("lineItem/UsageStartDate", "line_item_usage_start_date"),
    PRODUCT("lineItem/ProductCode", "line_item_product_code"),
    RESOURCE("lineItem/ResourceId", "line_item_resource_id"),
    COST("lineItem/UnblendedCost", "line_item_unblended_cost"),
    CURRENCY("lineItem/CurrencyCode", "line_item_currency_code");

    final String legacy;
    final String cur2;

    Column(String legacy, String cur2) {
      this.legacy = legacy;
      this.cur2 = cur2;
    }
  }

  private AwsCurReader() {}

  public static BillTotals read(Reader in) {
    CsvRecords csv = new CsvRecords(in);
    List<String> header = csv.next();
    if (header == null) {
      throw new BillFormatException(1, "", "the file is empty: a CUR starts with its header");
    }
    Map<Column, Integer> at = new HashMap<>();
    Map<Column, String> names = new HashMap<>();
    for (Column c : Column.values()) {
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).trim();
        if (name.equals(c.legacy) || name.equals(c.cur2)) {
          at.put(c, i);
          names.put(c, name);
        }
      }
      if (!at.containsKey(c)) {
        throw new BillFormatException(
            1, c.legacy, "the header has neither " + c.legacy + " nor " + c.cur2);
      }
    }
    BillTotals totals = new BillTotals();
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      long line = csv.line();
      if (row.size() != header.size()) {
        throw new BillFormatException(
            line, "", "has " + row.size() + " fields, the header " + header.size());
      }
      LocalDate day = BillFields.day(line, names.get(Column.START), row.get(at.get(Column.START)));
      BigDecimal cost =
          BillFields.amount(line, names.get(Column.COST), row.get(at.get(Column.COST)));
      boolean node =
          "AmazonEC2".equals(row.get(at.get(Column.PRODUCT)))
              && row.get(at.get(Column.RESOURCE)).startsWith("i-");
      totals.add(
          line,
          names.get(Column.CURRENCY),
          day,
          node,
          cost,
          row.get(at.get(Column.CURRENCY)).trim());
    }
    return totals;
  }
}
