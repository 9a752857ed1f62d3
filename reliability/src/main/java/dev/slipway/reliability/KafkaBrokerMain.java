package dev.slipway.reliability;

import dev.slipway.events.Topics;
import dev.slipway.testkit.kafka.EmbeddedKafka;
import java.nio.file.Path;

/**
 * The testkit's Kafka broker as a process of its own, so that the reliability suite can kill it
 * with SIGKILL and start it again on the same port and data: {@code KafkaBrokerMain <dataDir>
 * <port>}. Prints {@code READY} once the broker serves and the topics exist.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]));
    kafka.createTopics(Topics.ALL.toArray(String[]::new));
    System.out.println("READY " + kafka.bootstrapServers());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
    Thread.currentThread().join();
  }
}
