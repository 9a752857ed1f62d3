package dev.slipway.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KitConsumerDefaultsTest {

  /**
   * A record retried while a dependency is down must not fail its channel after 60 s: SmallRye's
   * throttled commit strategy would stop the consumer for good (found by ReliabilityIT).
   */
  @Test
  void aRecordWaitingForADependencyNeverStopsItsChannel() throws Exception {
    Properties kit = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      kit.load(in);
    }
    assertThat(
            kit.getProperty(
                "mp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms"))
        .isEqualTo("0");
  }
}
