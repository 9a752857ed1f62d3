package dev.slipway.launcher.infra;

import dev.slipway.events.Topics;
import dev.slipway.launcher.DevSettings;
import dev.slipway.testkit.kafka.EmbeddedKafka;

/** The in-process broker with its data in {@code .slipway/kafka}, or the configured one. */
public final class KafkaStarter {
  private KafkaStarter() {}

  /** The value is the bootstrap servers; the {@code slipway.*} topics exist on return. */
  public static Started<String> start(DevSettings settings) {
    if (settings.kafkaBootstrap().isPresent()) {
      String bootstrap = settings.kafkaBootstrap().get();
      KafkaTopics.ensure(bootstrap, Topics.ALL);
      return new Started<>(bootstrap, "SLIPWAY_KAFKA_BOOTSTRAP " + bootstrap, () -> {});
    }
    EmbeddedKafka kafka =
        EmbeddedKafka.start(settings.dataDir().resolve("kafka"), DevSettings.KAFKA_PORT);
    try {
      // Created up front, not on first publish: a consumer that subscribes before any producer
      // wrote would otherwise start at the end of a topic that appears later and miss records.
      kafka.createTopics(Topics.ALL.toArray(String[]::new));
      return new Started<>(kafka.bootstrapServers(), kafka.bootstrapServers(), kafka::stop);
    } catch (RuntimeException e) {
      kafka.stop();
      throw e;
    }
  }
}
