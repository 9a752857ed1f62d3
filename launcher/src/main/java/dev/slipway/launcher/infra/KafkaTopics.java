package dev.slipway.launcher.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates missing topics on a broker the developer runs, with the broker's defaults. */
final class KafkaTopics {
  private KafkaTopics() {}

  static void ensure(String bootstrap, List<String> names) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "slipway-launcher",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
      var result =
          admin.createTopics(
              names.stream()
                  .map(name -> new NewTopic(name, Optional.empty(), Optional.empty()))
                  .toList());
      for (var future : result.values().entrySet()) {
        try {
          future.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + future.getKey() + " on " + bootstrap, e.getCause());
          }
        } catch (TimeoutException e) {
          throw new IllegalStateException("Kafka at " + bootstrap + " did not answer in 30 s", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }
}
