package dev.slipway.cost.domain.bill;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time (quoted fields may hold commas, quotes and line breaks),
 * so a bill of millions of rows is never held in memory. {@link #line()} is the line the last
 * record started on, for error messages.
 */
final class CsvRecords {

  private final Reader in;
  private int lookahead = -2;
  private long physicalLine = 1;
  private long recordLine;

  CsvRecords(Reader in) {
    this.in = in;
  }

  long line() {
    return recordLine;
  }

  /** The next record's fields, or null at the end; blank lines are skipped. */
  List<String> next() {
    int c = read();
    while (c == '\r' || c == '\n') {
      c = read();
    }
    if (c == -1) {
      return null;
    }
    recordLine = physicalLine;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new BillFormatException(recordLine, "", "a quoted field is not closed");
        }
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c == -1) {
        if (c == '\r') {
          int n = read();
          if (n != '\n') {
            unread(n);
          }
        }
        fields.add(field.toString());
        return fields;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() {
    int c;
    if (lookahead != -2) {
      c = lookahead;
      lookahead = -2;
      return c;
    }
    try {
      c = in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (c == '\n') {
      physicalLine++;
    }
    return c;
  }

  private void unread(int c) {
    lookahead = c;
  }
}
