package dev.slipway.secret.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line of the app under test (same JVM), with stack traces: for the canary scan. */
public final class LogCapture extends Handler {

  private static final LogCapture INSTANCE = new LogCapture();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  public static synchronized LogCapture install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h == INSTANCE) {
        return INSTANCE;
      }
    }
    root.addHandler(INSTANCE);
    return INSTANCE;
  }

  public List<String> lines() {
    return lines;
  }

  @Override
  public void publish(LogRecord record) {
    String message =
        record instanceof org.jboss.logmanager.ExtLogRecord ext
            ? ext.getFormattedMessage()
            : record.getMessage();
    StringBuilder line = new StringBuilder(record.getLoggerName() + " " + message);
    if (record.getThrown() != null) {
      var trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
