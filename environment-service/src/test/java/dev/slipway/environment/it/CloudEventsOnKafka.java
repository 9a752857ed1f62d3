package dev.slipway.environment.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Talks to the broker as other services do: CloudEvents in binary mode, written and read with plain
 * Kafka clients, so the test does not share code with what it tests.
 */
final class CloudEventsOnKafka {

  private CloudEventsOnKafka() {}

  /** A record read back: its CloudEvents type and its JSON payload. */
  record Event(String ceId, String ceType, JsonNode data) {
    String text(String field) {
      return data.path(field).asText(null);
    }
  }

  /** The golden example of a type, as an editable tree. */
  static ObjectNode example(EventType<?> type) {
    try (InputStream in = CloudEventsOnKafka.class.getResourceAsStream(type.exampleResource())) {
      return (ObjectNode) EventJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + type.exampleResource(), e);
    }
  }

  static void send(EventType<?> type, String ceId, String key, ObjectNode data) {
    var record = new ProducerRecord<>(type.topic(), key, data.toString());
    record.headers().add("ce_specversion", bytes("1.0"));
    record.headers().add("ce_id", bytes(ceId));
    record.headers().add("ce_type", bytes(type.ceType()));
    record.headers().add("ce_source", bytes("/slipway/environment-service-it"));
    record.headers().add("ce_subject", bytes(key));
    record.headers().add("content-type", bytes("application/json"));
    try (var producer = new KafkaProducer<String, String>(producerConfig())) {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send " + ceId, e);
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Everything on the topic so far, in partition order. */
  static List<Event> readAll(String topic) {
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig())) {
      var partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<Event> events = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          events.add(
              new Event(
                  header(r, "ce_id"),
                  header(r, "ce_type"),
                  EventJson.mapper().readTree(r.value())));
        }
      }
      return events;
    } catch (IOException e) {
      throw new IllegalStateException("a record on " + topic + " is not JSON", e);
    }
  }

  static List<Event> readAll(EventType<?> type, String operationId) {
    return readAll(type.topic()).stream()
        .filter(e -> type.ceType().equals(e.ceType()))
        .filter(e -> operationId.equals(e.text("operationId")))
        .toList();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  private static Properties producerConfig() {
    var config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  private static Properties consumerConfig() {
    var config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }
}
