package dev.slipway.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts CloudEvents (binary mode, as Slipway's relay writes them) straight on a topic and reads what
 * services published: how tests play the other side of a service's contract.
 */
public final class CloudEventRecords {

  private final String bootstrapServers;

  public CloudEventRecords(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public static CloudEventRecords onSharedBroker() {
    return new CloudEventRecords(EmbeddedKafka.shared().bootstrapServers());
  }

  /** Publishes a CloudEvent with the given id; returns the id. */
  public String publish(String topic, String key, String ceType, String ceId, String json) {
    return publish(topic, key, json, Map.of("ce_type", ceType, "ce_id", ceId));
  }

  /**
   * Publishes a CloudEvent whose headers ({@code ce_id}, {@code ce_source}, extensions such as
   * {@code ce_slipwaysig}...) override the test defaults; returns its id.
   */
  public String publish(String topic, String key, String json, Map<String, String> headers) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("ce_specversion", "1.0");
    all.put("ce_id", UUID.randomUUID().toString());
    all.put("ce_source", "/slipway/test");
    all.put("ce_subject", key);
    all.put("ce_time", Instant.now().toString());
    all.put("content-type", "application/json");
    all.putAll(headers);
    var record = new ProducerRecord<>(topic, key, json);
    all.forEach((name, value) -> header(record, name, value));
    send(record);
    return all.get("ce_id");
  }

  public String publish(String topic, String key, String ceType, String json) {
    return publish(topic, key, ceType, UUID.randomUUID().toString(), json);
  }

  /** A record with no CloudEvents headers at all: poison for every Slipway consumer. */
  public void publishRaw(String topic, String key, String value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  /** Waits until {@code count} records of the topic match, reading it from the start. */
  public List<ConsumerRecord<String, String>> await(
      String topic, Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline) && found.size() < count) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  if (match.test(r)) {
                    found.add(r);
                  }
                });
      }
    }
    return found;
  }

  /** Like {@link #await} but reads for the whole timeout: to prove something happened only once. */
  public List<ConsumerRecord<String, String>> collect(
      String topic, Predicate<ConsumerRecord<String, String>> match, Duration window) {
    return await(topic, match, Integer.MAX_VALUE, window);
  }

  public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  public static Predicate<ConsumerRecord<String, String>> ofType(String ceType) {
    return r -> header(r, "ce_type").filter(ceType::equals).isPresent();
  }

  private void send(ProducerRecord<String, String> record) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + record.topic(), e);
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
