package dev.slipway.cost.domain.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Small exports written to the documented schemas (AWS CUR legacy and 2.0 columns, the GCP detailed
 * usage cost export as JSON lines and flattened CSV), summed by hand per day.
 */
class BillReadersTest {

  static Reader file(String name) {
    return new InputStreamReader(
        BillReadersTest.class.getResourceAsStream("/bills/" + name), StandardCharsets.UTF_8);
  }

  @Test
  void legacyCurSplitsInstancesFromEverythingElsePerDay() {
    BillTotals totals = AwsCurReader.read(file("aws-cur-legacy.csv"));

    assertThat(totals.rows()).isEqualTo(6);
    assertThat(totals.currency()).isEqualTo("USD");
    assertThat(totals.days()).hasSize(2);
    var may10 = totals.days().get(0);
    assertThat(may10.day()).isEqualTo(LocalDate.parse("2030-05-10"));
    // two m5.xlarge instances: 4.608 + 2.304; the gp3 volume, S3 and the tax (a quoted field
    // with a comma and quotes) are not nodes: 0.2667 + 0.05 + 0.72
    assertThat(may10.nodeAmount()).isEqualByComparingTo("6.912");
    assertThat(may10.otherAmount()).isEqualByComparingTo("1.0367");
    assertThat(totals.days().get(1).nodeAmount()).isEqualByComparingTo("4.608");
    assertThat(totals.days().get(1).otherAmount()).isEqualByComparingTo("0");
  }

  @Test
  void cur2SnakeCaseColumnsReadTheSame() {
    BillTotals totals = AwsCurReader.read(file("aws-cur2.csv"));

    assertThat(totals.days())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.nodeAmount()).isEqualByComparingTo("2.304");
              // the EKS control plane is not a node
              assertThat(d.otherAmount()).isEqualByComparingTo("2.40");
            });
  }

  @Test
  void aMalformedRowNamesItsLineAndColumn() {
    String cur =
        "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/ResourceId,lineItem/UnblendedCost,"
            + "lineItem/CurrencyCode\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-1,1.5,USD\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-2,one,USD\n";
    assertThatThrownBy(() -> AwsCurReader.read(new StringReader(cur)))
        .asInstanceOf(InstanceOfAssertFactories.type(BillFormatException.class))
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo("lineItem/UnblendedCost");
              assertThat(e.getMessage()).isEqualTo("is not a number");
            });
    assertThatThrownBy(() -> AwsCurReader.read(new StringReader("a,b\n1,2\n")))
        .isInstanceOf(BillFormatException.class)
        .hasMessageContaining("lineItem/UsageStartDate");
    String mixed =
        "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/ResourceId,lineItem/UnblendedCost,"
            + "lineItem/CurrencyCode\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-1,1.5,USD\n"
            + "2030-05-10T00:00:00Z,AmazonEC2,i-2,1.5,EUR\n";
    assertThatThrownBy(() -> AwsCurReader.read(new StringReader(mixed)))
        .isInstanceOf(BillFormatException.class)
        .hasMessageContaining("one currency a file");
  }

  @Test
  void gcpJsonLinesNetTheirCreditsAndKeepDisksApart() {
    BillTotals totals = GcpBillingReader.read(file("gcp-billing.jsonl"));

    assertThat(totals.rows()).isEqualTo(5);
    var june10 = totals.days().get(0);
    // core 2.5 − 0.5 sustained use credit, ram 1.0; the persistent disk 0.4 and Cloud Storage 0.1
    assertThat(june10.nodeAmount()).isEqualByComparingTo("3.0");
    assertThat(june10.otherAmount()).isEqualByComparingTo("0.5");
    assertThat(totals.days().get(1).day()).isEqualTo(LocalDate.parse("2030-06-11"));
    assertThat(totals.days().get(1).nodeAmount()).isEqualByComparingTo("2.5");
  }

  @Test
  void gcpFlattenedCsvReadsTheSame() {
    BillTotals totals = GcpBillingReader.read(file("gcp-billing.csv"));

    assertThat(totals.days())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.nodeAmount()).isEqualByComparingTo("2.0");
              assertThat(d.otherAmount()).isEqualByComparingTo("0.4");
            });
  }

  @Test
  void aGcpLineThatIsNotJsonOrHasNoTimeIsRefusedWithItsLine() {
    String jsonl =
        "{\"usage_start_time\":\"2030-06-10 00:00:00 UTC\",\"cost\":1,\"currency\":\"USD\"}\n"
            + "{\"cost\":1,\"currency\":\"USD\"}\n";
    assertThatThrownBy(() -> GcpBillingReader.read(new StringReader(jsonl)))
        .asInstanceOf(InstanceOfAssertFactories.type(BillFormatException.class))
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo("usage_start_time");
            });
    assertThatThrownBy(() -> GcpBillingReader.read(new StringReader("{\"cost\": 1,\n")))
        .isInstanceOf(BillFormatException.class)
        .hasMessage("is not a JSON object");
  }
}
