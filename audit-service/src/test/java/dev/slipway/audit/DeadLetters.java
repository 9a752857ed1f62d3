package dev.slipway.audit;

import dev.slipway.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the dead-letter topic as an operator would. */
final class DeadLetters {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private DeadLetters() {}

  /** The {@code dead-letter-reason} header of the dead letter whose value is {@code value}. */
  static Header reasonOf(String value) {
    var config =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ConsumerConfig.GROUP_ID_CONFIG,
            "audit-dlq-check-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTER));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (value.equals(record.value())) {
            return Optional.ofNullable(record.headers().lastHeader("dead-letter-reason"))
                .orElseThrow(() -> new AssertionError("no dead-letter-reason header"));
          }
        }
      }
    }
    throw new AssertionError("the record never reached " + Topics.DEAD_LETTER);
  }
}
