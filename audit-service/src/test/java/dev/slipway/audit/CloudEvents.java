package dev.slipway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes records as a producer outside Slipway would: binary-mode CloudEvents (ce_* headers)
 * with a plain Kafka producer, or anything else.
 */
final class CloudEvents {

  private static KafkaProducer<String, String> producer;

  private CloudEvents() {}

  /** The golden example of a type, with a fresh operation id so tests do not see each other. */
  static ObjectNode example(EventType<?> type, String operationId) {
    try (InputStream in = EventType.class.getResourceAsStream(type.exampleResource())) {
      var example = (ObjectNode) EventJson.mapper().readTree(in);
      example.put("operationId", operationId);
      return example;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a CloudEvent and answers its id. */
  static String send(String topic, String type, String subject, String data) {
    String id = UUID.randomUUID().toString();
    send(topic, id, type, subject, data);
    return id;
  }

  static void send(String topic, String id, String type, String subject, String data) {
    send(topic, id, type, subject, data, Instant.now());
  }

  static void send(
      String topic, String id, String type, String subject, String data, Instant time) {
    sendAndWait(record(topic, id, type, subject, data, time));
  }

  /** A binary-mode CloudEvent, keyed by its subject, ready to send. */
  static ProducerRecord<String, String> record(
      String topic, String id, String type, String subject, String data, Instant time) {
    var record = new ProducerRecord<>(topic, subject, data);
    Map.of(
            "ce_specversion",
            "1.0",
            "ce_time",
            time.toString(),
            "ce_id",
            id,
            "ce_type",
            type,
            "ce_source",
            "/tests/audit-service",
            "ce_subject",
            subject,
            "content-type",
            "application/json")
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /**
   * Sends the records back to back and waits for them all: the producer batches them, so the
   * consumer reads them in one poll.
   */
  static synchronized void sendAll(List<ProducerRecord<String, String>> records) {
    List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
    records.forEach(r -> sent.add(producer().send(r)));
    producer().flush();
    for (var future : sent) {
      try {
        future.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("cannot publish", e);
      }
    }
  }

  /** A record with no CloudEvents headers at all: poison for every Slipway consumer. */
  static void sendPlain(String topic, String key, String value) {
    sendAndWait(new ProducerRecord<>(topic, key, value));
  }

  private static synchronized void sendAndWait(ProducerRecord<String, String> record) {
    try {
      producer().send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e);
    }
  }

  private static KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.LINGER_MS_CONFIG,
                  "20"),
              new StringSerializer(),
              new StringSerializer());
    }
    return producer;
  }
}
