package dev.slipway.testkit.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps an in-process broker from flooding the test output: a KRaft node logs hundreds of INFO
 * lines while it starts. Kafka logs through slf4j, which in our JVMs ends in the JBoss LogManager
 * (slf4j-jboss-logmanager), so the levels are set through java.util.logging and need no log4j
 * configuration on the classpath. A level already set (say by {@code quarkus.log.category}) is left
 * alone, and Quarkus applies its own categories after the test resources have started.
 */
final class KafkaLogLevels {

  // Strong references: java.util.logging may drop a level set on a logger nobody holds.
  private static final List<Logger> QUIETED =
      List.of(
              "kafka",
              "state.change.logger",
              "org.apache.kafka.server",
              "org.apache.kafka.raft",
              "org.apache.kafka.controller",
              "org.apache.kafka.metadata",
              "org.apache.kafka.image",
              "org.apache.kafka.storage",
              "org.apache.kafka.coordinator",
              "org.apache.kafka.queue",
              "org.apache.kafka.network",
              "org.apache.kafka.security",
              "org.apache.kafka.snapshot",
              "org.apache.kafka.common.network",
              "org.apache.kafka.common.security",
              "org.apache.kafka.common.utils.AppInfoParser",
              // Dumps every config of every client and of the broker at INFO, hundreds of lines.
              "org.apache.kafka.common.config.AbstractConfig",
              "org.apache.kafka.common.metrics",
              "org.apache.kafka.clients.admin")
          .stream()
          .map(Logger::getLogger)
          .toList();

  private KafkaLogLevels() {}

  static void quiet() {
    for (Logger logger : QUIETED) {
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
      }
    }
  }

  /** The storage formatter prints its progress to a stream; nobody needs to read it. */
  static PrintStream discardingPrintStream() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
