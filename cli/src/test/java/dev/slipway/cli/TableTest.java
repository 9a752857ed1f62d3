package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsArePaddedToTheirWidestCellWithUpperCaseHeaders() {
    String text =
        new Table("name", "kind", "apps")
            .row("dev", "development", 3)
            .row("production", "production", 12)
            .render();

    assertThat(text)
        .isEqualTo(
            "NAME        KIND         APPS\n"
                + "dev         development  3\n"
                + "production  production   12\n");
  }

  @Test
  void missingAndEmptyCellsShowADashAndLinesHaveNoTrailingSpaces() {
    String text = new Table("a", "b").row(null, "").row("x", null).render();

    assertThat(text).isEqualTo("A  B\n-  -\nx  -\n");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
  }

  @Test
  void aRowOfTheWrongWidthIsABug() {
    assertThatThrownBy(() -> new Table("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newLinesInCellsDoNotBreakTheTable() {
    assertThat(new Table("detail").row("two\nlines").render()).isEqualTo("DETAIL\ntwo lines\n");
  }
}
