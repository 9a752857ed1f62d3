package dev.slipway.testkit.kafka;

import dev.slipway.testkit.support.FreePort;
import dev.slipway.testkit.support.JvmWideSingleton;
import dev.slipway.testkit.support.ShutdownHook;
import dev.slipway.testkit.support.TestkitDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker running inside this JVM in KRaft combined mode (one node that is both
 * broker and controller), listening on 127.0.0.1.
 *
 * <p>In-process rather than a child JVM: it starts in a few seconds, needs no Kafka distribution on
 * disk and dies with the test JVM even when the shutdown hook cannot run.
 */
public final class EmbeddedKafka {

  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String BROKER_LISTENER = "PLAINTEXT";

  private static final String SHARED_KEY = "dev.slipway.testkit.shared.kafka";

  private static EmbeddedKafka shared;

  private final Path dataDir;
  private final int port;
  private final boolean deleteOnStop;
  // Null in a handle on the shared broker that another class loader started and owns.
  private final KafkaRaftServer server;
  private final ShutdownHook shutdownHook;
  private Admin admin;
  private boolean stopped;

  private EmbeddedKafka(Path dataDir, int port, boolean deleteOnStop, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.deleteOnStop = deleteOnStop;
    this.server = server;
    this.shutdownHook = server == null ? null : ShutdownHook.register("kafka-" + port, this::stop);
  }

  /**
   * The broker of this JVM, on a free port with throw-away data; started on first use and stopped
   * when the JVM exits.
   */
  public static synchronized EmbeddedKafka shared() {
    if (shared == null || shared.stopped) {
      shared =
          JvmWideSingleton.startOrAttach(
              SHARED_KEY,
              () -> launch(TestkitDirectories.temporary("kafka"), FreePort.pick(), true),
              kafka -> kafka.port + "|" + kafka.dataDir,
              EmbeddedKafka::attach);
    }
    return shared;
  }

  private static EmbeddedKafka attach(String published) {
    String[] portAndDir = published.split("\\|", 2);
    return new EmbeddedKafka(Path.of(portAndDir[1]), Integer.parseInt(portAndDir[0]), false, null);
  }

  /**
   * A broker whose data outlives it, for the local run: the directory is formatted on first use and
   * reused afterwards, so topics and records survive a restart.
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    return launch(dataDir, port, false);
  }

  private static EmbeddedKafka launch(Path dataDir, int port, boolean deleteOnStop) {
    KafkaLogLevels.quiet();
    int controllerPort = FreePort.pick();
    KafkaConfig config = KafkaConfig.fromProps(brokerProperties(dataDir, port, controllerPort));
    format(config, dataDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      // Returns once the broker is registered, caught up with the metadata log and unfenced.
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw e;
    }
    return new EmbeddedKafka(dataDir, port, deleteOnStop, server);
  }

  private static Properties brokerProperties(Path dataDir, int port, int controllerPort) {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", String.valueOf(NODE_ID)),
            // A static quorum (not controller.quorum.bootstrap.servers): the voter's address is
            // read from this config, not stored in the log, so a restart may use a new port.
            Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
            Map.entry("controller.listener.names", CONTROLLER_LISTENER),
            Map.entry("inter.broker.listener.name", BROKER_LISTENER),
            Map.entry(
                "listeners",
                BROKER_LISTENER
                    + "://127.0.0.1:"
                    + port
                    + ","
                    + CONTROLLER_LISTENER
                    + "://127.0.0.1:"
                    + controllerPort),
            Map.entry("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port),
            Map.entry(
                "listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
            Map.entry("log.dirs", dataDir.toString()),
            // One node: every internal topic has one replica, and one partition is enough.
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            // Services subscribe before they publish: topics appear on first use, as in prod.
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("num.partitions", "3"),
            // Tests should not wait 3 s for a consumer group to settle.
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("controlled.shutdown.enable", "true"),
            Map.entry("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE))));
    return props;
  }

  /** What {@code kafka-storage.sh format --ignore-formatted} does, through its own Formatter. */
  private static void format(KafkaConfig config, Path dataDir) {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(KafkaLogLevels.discardingPrintStream())
          .setNodeId(config.nodeId())
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(dataDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir, e);
    }
  }

  /** {@code 127.0.0.1:port}, for {@code kafka.bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates the topics that do not exist yet, with the broker's default partition count. Tests call
   * it so that a consumer that starts before any producer sees its topic from offset zero.
   */
  public synchronized void createTopics(String... names) {
    List<NewTopic> topics =
        Arrays.stream(names)
            .distinct()
            .map(name -> new NewTopic(name, Optional.empty(), Optional.empty()))
            .toList();
    var result = admin().createTopics(topics);
    for (var future : result.values().values()) {
      try {
        future.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topics " + Arrays.toString(names), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topics", e);
      } catch (TimeoutException e) {
        throw new IllegalStateException("timed out creating topics " + Arrays.toString(names), e);
      }
    }
  }

  private Admin admin() {
    if (stopped) {
      throw new IllegalStateException("Kafka on port " + port + " is stopped");
    }
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers(),
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "slipway-testkit"));
    }
    return admin;
  }

  /**
   * Stops the broker; a broker started with {@link #shared()} also deletes its data. On a handle to
   * a broker owned by another class loader it only releases the handle.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (admin != null) {
      admin.close();
    }
    if (server == null) {
      return;
    }
    shutdownHook.cancel();
    if (deleteOnStop) {
      JvmWideSingleton.withdraw(SHARED_KEY);
    }
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnStop) {
      TestkitDirectories.deleteRecursively(dataDir);
    }
  }
}
