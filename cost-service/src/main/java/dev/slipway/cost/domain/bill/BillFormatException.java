package dev.slipway.cost.domain.bill;

/** A bill file that does not follow its documented schema, with the line that breaks it. */
public class BillFormatException extends RuntimeException {

  private final long line;
  private final String column;

  public BillFormatException(long line, String column, String reason) {
    super(reason);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the file (the header is line 1 of a CSV); 0 for the file as a whole. */
  public long line() {
    return line;
  }

  /** The column or field at fault, empty when the whole line is. */
  public String column() {
    return column;
  }
}
