package dev.slipway.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.support.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @Test
  void idempotentProducerRecordIsConsumed() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.shared();
    String topic = "slipway.test." + UUID.randomUUID();
    kafka.createTopics(topic);
    kafka.createTopics(topic); // idempotent

    RecordMetadata sent = send(kafka, topic, "payments/staging", "deployed");

    assertThat(sent.offset()).isZero();
    assertThat(readAll(kafka, topic, 1))
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payments/staging", "deployed"));
  }

  @Test
  void topicsAreAutoCreatedWithThreePartitions() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.shared();
    String topic = "slipway.auto." + UUID.randomUUID();

    send(kafka, topic, "k", "v");

    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      assertThat(consumer.partitionsFor(topic)).hasSize(3);
    }
  }

  @Test
  void persistentBrokerKeepsRecordsAcrossRestart(@TempDir Path dataDir) throws Exception {
    int port = FreePort.pick();
    EmbeddedKafka first = EmbeddedKafka.start(dataDir, port);
    try {
      first.createTopics("slipway.persistent");
      send(first, "slipway.persistent", "app", "before-restart");
    } finally {
      first.stop();
    }

    EmbeddedKafka second = EmbeddedKafka.start(dataDir, port);
    try {
      assertThat(readAll(second, "slipway.persistent", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("before-restart");
    } finally {
      second.stop();
    }
    assertThat(dataDir).isNotEmptyDirectory();
  }

  private static RecordMetadata send(EmbeddedKafka kafka, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(
      EmbeddedKafka kafka, String topic, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class));
  }
}
