package dev.slipway.reliability;

import dev.slipway.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts records straight on the topics, past every service: poison (not a CloudEvent; a CloudEvent
 * whose data violates its schema) and copies of real events, duplicated and in reverse order. Keeps
 * the keys of the poison, which the dead-letter topic must hold and nothing else.
 */
public final class EventInjector {

  private final String bootstrap;
  private final String runId;
  private final Set<String> poisonKeys = ConcurrentHashMap.newKeySet();
  private int duplicated;

  public EventInjector(String bootstrap, String runId) {
    this.bootstrap = bootstrap;
    this.runId = runId;
  }

  /** Poison on each command topic: one record that is no CloudEvent, one with invalid data. */
  public void poison() {
    try (var producer = producer()) {
      for (String topic : List.of(Topics.DEPLOY, Topics.ENVIRONMENT)) {
        String garbage = "poison-" + runId + "-" + topic + "-not-a-cloudevent";
        producer.send(new ProducerRecord<>(topic, garbage, "{not json"));
        poisonKeys.add(garbage);
        String invalid = "poison-" + runId + "-" + topic + "-invalid-data";
        var record = new ProducerRecord<>(topic, invalid, "{\"unexpected\":true}");
        String type =
            topic.equals(Topics.DEPLOY)
                ? "dev.slipway.deploy.requested.v1"
                : "dev.slipway.environment.requested.v1";
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", java.util.UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", "/slipway/reliability");
        header(record, "content-type", "application/json");
        producer.send(record);
        poisonKeys.add(invalid);
      }
      producer.flush();
    }
  }

  /**
   * Re-publishes up to {@code count} real records of each topic as they were (same key, value and
   * CloudEvents id), in reverse order: every consumer sees them again, later and out of order.
   */
  public int duplicateAndReorder(int count) {
    int sent = 0;
    try (var producer = producer()) {
      for (String topic : List.of(Topics.DEPLOY, Topics.ENVIRONMENT, Topics.SECRET)) {
        List<ConsumerRecord<String, String>> real = read(topic, count);
        Collections.reverse(real);
        for (var original : real) {
          var copy =
              new ProducerRecord<>(
                  topic, null, original.key(), original.value(), original.headers());
          producer.send(copy);
          sent++;
        }
      }
      producer.flush();
    }
    duplicated += sent;
    return sent;
  }

  public Set<String> poisonKeys() {
    return Set.copyOf(poisonKeys);
  }

  public int duplicated() {
    return duplicated;
  }

  /** Every record of the dead-letter topic, from its beginning to its end now. */
  public List<ConsumerRecord<String, String>> deadLetters() {
    return readAll(Topics.DEAD_LETTER);
  }

  private List<ConsumerRecord<String, String>> read(String topic, int count) {
    List<ConsumerRecord<String, String>> real = new ArrayList<>();
    for (var record : readAll(topic)) {
      if (record.key() != null
          && !record.key().startsWith("poison-")
          && record.headers().lastHeader("ce_id") != null
          && real.size() < count) {
        real.add(record);
      }
    }
    return real;
  }

  private List<ConsumerRecord<String, String>> readAll(String topic) {
    try (var consumer =
        new KafkaConsumer<String, String>(
            Map.<String, Object>of(
                "bootstrap.servers",
                bootstrap,
                "enable.auto.commit",
                "false",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                StringDeserializer.class.getName()))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            "bootstrap.servers",
            bootstrap,
            "acks",
            "all",
            "key.serializer",
            StringSerializer.class.getName(),
            "value.serializer",
            StringSerializer.class.getName()));
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }
}
