package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager as
 * child processes, without Docker. Server-side apply, field managers, validation, watches, RBAC,
 * namespace deletion, garbage collection and Deployment rollouts are the real ones. When the cache
 * also holds kube-scheduler and kwok, one simulated node ({@link SimulatedNode}) takes the pods:
 * they are scheduled and become Running and Ready, so rollout status means something; no container
 * runs.
 *
 * <p>Why not io.fabric8:kube-api-test: see docs/adr/0003-local-kubernetes-api-server.md. Its binary
 * cache layout is kept, so either can use the binaries.
 *
 * <p>Layout of the data dir: {@code pki/} (CA, serving cert, service-account key), {@code
 * tokens.csv}, {@code etcd/}, {@code logs/<process>.log}, {@code kubeconfig} (admin), {@code
 * ports.properties}. {@link #start(Path)} on an existing data dir reuses all of them, so the local
 * run keeps its objects, its kubeconfig and (when the ports are still free) its URL.
 */
public final class LocalKubernetes implements KubernetesCluster {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKubernetes.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  static final String ADMIN_USER = "slipway-admin";
  static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
  private static final List<String> PROCESS_NAMES =
      List.of("kwok", "kube-scheduler", "kube-controller-manager", "kube-apiserver", "etcd");

  private static LocalKubernetes shared;

  private final Path dataDir;
  private final boolean temporary;
  private final String apiServerUrl;
  private final Path kubeconfig;
  private final List<ManagedProcess> processes;
  private final KubernetesClient admin;
  private final KubernetesBinaries binaries;
  private final SimulatedPodLogs podLogs;

  private LocalKubernetes(
      Path dataDir,
      boolean temporary,
      String apiServerUrl,
      Path kubeconfig,
      List<ManagedProcess> processes,
      KubernetesClient admin,
      KubernetesBinaries binaries,
      boolean simulatedNodes) {
    this.dataDir = dataDir;
    this.temporary = temporary;
    this.apiServerUrl = apiServerUrl;
    this.kubeconfig = kubeconfig;
    this.processes = processes;
    this.admin = admin;
    this.binaries = binaries;
    this.podLogs = simulatedNodes ? new SimulatedPodLogs(admin, dataDir) : null;
  }

  /**
   * The API server of this JVM: started on first use in a temp dir, stopped and deleted at JVM
   * exit. Tests share it and keep apart by namespace ({@link #createTestNamespace}).
   */
  public static synchronized LocalKubernetes shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("slipway-kube-");
        shared = start(dir, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LocalKubernetes started = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::stop, "slipway-local-kubernetes-stop"));
    }
    return shared;
  }

  /**
   * Starts on a persistent data dir (the local run): the second start reuses etcd's data, the
   * certificates and the tokens. The caller stops it.
   */
  public static LocalKubernetes start(Path dataDir) {
    return start(dataDir, false);
  }

  private static LocalKubernetes start(Path dataDir, boolean temporary) {
    long begin = System.nanoTime();
    KubernetesBinaries binaries = KubernetesBinaries.locate();
    List<ManagedProcess> processes = new ArrayList<>();
    KubernetesClient admin = null;
    try {
      Path dir = Files.createDirectories(dataDir.toAbsolutePath());
      for (String name : PROCESS_NAMES) {
        ManagedProcess.killLeftover(name, dir);
      }
      ClusterPki pki = ClusterPki.loadOrCreate(dir);
      Tokens tokens = Tokens.loadOrCreate(dir);
      Ports ports = Ports.loadOrAllocate(dir);
      Path watchdog = writeWatchdog(dir);
      String url = "https://127.0.0.1:" + ports.apiServer();
      Path kubeconfig = dir.resolve("kubeconfig");
      writeKubeconfig(kubeconfig, url, pki.caCertData(), ADMIN_USER, tokens.of(ADMIN_USER));
      Launcher launcher = new Launcher(watchdog, dir, processes);

      String etcdUrl = "http://127.0.0.1:" + ports.etcdClient();
      String peerUrl = "http://127.0.0.1:" + ports.etcdPeer();
      // etcd and the API server start at once: the API server retries etcd until it answers.
      launcher.launch(
          "etcd",
          binaries.etcd(),
          "--name=slipway",
          "--data-dir=" + dir.resolve("etcd"),
          "--listen-client-urls=" + etcdUrl,
          "--advertise-client-urls=" + etcdUrl,
          "--listen-peer-urls=" + peerUrl,
          "--initial-advertise-peer-urls=" + peerUrl,
          "--initial-cluster=slipway=" + peerUrl,
          // No fsync: fast, and losing the last writes on a power cut is fine for dev data.
          "--unsafe-no-fsync");
      launcher.launch(
          "kube-apiserver",
          binaries.kubeApiServer(),
          "--etcd-servers=" + etcdUrl,
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          "--secure-port=" + ports.apiServer(),
          "--tls-cert-file=" + pki.servingCert(),
          "--tls-private-key-file=" + pki.servingKey(),
          "--client-ca-file=" + pki.caCert(),
          "--token-auth-file=" + tokens.file(),
          "--authorization-mode=RBAC,Node",
          "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
          "--service-account-key-file=" + pki.serviceAccountKey(),
          "--service-account-signing-key-file=" + pki.serviceAccountKey(),
          "--service-cluster-ip-range=10.0.0.0/16",
          "--allow-privileged=true",
          // Simulated nodes (kwok) answer on their InternalIP, e.g. for kubectl logs.
          "--kubelet-preferred-address-types=InternalIP",
          // 127.0.0.1 is not a valid endpoint for the in-cluster "kubernetes" Service, and
          // nothing runs in-cluster here to need it.
          "--endpoint-reconciler-type=none");
      long launched = System.nanoTime();
      awaitReady(url, pki, tokens.of(ADMIN_USER), processes);
      long apiReady = System.nanoTime();
      admin =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .build();
      // Only now: the controller manager gives up (exits) when the API server is not healthy
      // within 10 s, which a loaded 2-core machine does not always meet.
      Optional<Path> controllerManager = binaries.kubeControllerManager();
      if (controllerManager.isPresent()) {
        launcher.launch(
            "kube-controller-manager",
            controllerManager.get(),
            "--kubeconfig=" + clientKubeconfig(dir, "kube-controller-manager", url, pki, tokens),
            "--leader-elect=false",
            // No metrics/health endpoint: nothing scrapes it, and no port to find.
            "--secure-port=0",
            "--service-account-private-key-file=" + pki.serviceAccountKey(),
            "--root-ca-file=" + pki.caCert(),
            "--cluster-signing-cert-file=" + pki.caCert(),
            "--cluster-signing-key-file=" + pki.caKey(),
            // Each controller under its own ServiceAccount with the bootstrap system:controller:*
            // roles, as kubeadm runs it: the controller manager's own user may only mint those.
            "--use-service-account-credentials=true");
      } else {
        LOG.warn(
            "No kube-controller-manager in {}: namespace deletion, garbage collection and"
                + " Deployment rollouts will not happen",
            binaries.dir());
      }
      boolean simulatedNodes =
          controllerManager.isPresent()
              && binaries.kubeScheduler().isPresent()
              && binaries.kwok().isPresent();
      if (simulatedNodes) {
        SimulatedPodLogs.install(admin, dir);
        launcher.launch(
            "kube-scheduler",
            binaries.kubeScheduler().get(),
            "--kubeconfig=" + clientKubeconfig(dir, "kube-scheduler", url, pki, tokens),
            "--leader-elect=false",
            "--secure-port=0");
        launcher.launch(
            "kwok",
            binaries.kwok().get(),
            "--kubeconfig=" + clientKubeconfig(dir, "kwok", url, pki, tokens),
            // Only the nodes it simulates (SimulatedNode's annotation), so that a test may add a
            // node of its own, e.g. one whose kubelet never answers.
            "--manage-nodes-with-annotation-selector=" + SimulatedNode.KWOK_ANNOTATION + "=fake",
            "--node-ip=127.0.0.1",
            "--cidr=10.0.1.0/24",
            // The node's kubelet port: the API server's pods/log reaches kwok's containerLogs
            // there (SimulatedPodLogs), over TLS it does not verify (no
            // --kubelet-certificate-authority).
            "--node-port=" + ports.kwok(),
            "--server-address=127.0.0.1:" + ports.kwok(),
            "--enable-crds=Logs,ClusterLogs");
      }

      if (controllerManager.isPresent()) {
        awaitControllers(admin, launcher.get("kube-controller-manager"));
      }
      if (simulatedNodes) {
        SimulatedNode.apply(admin, ports.kwok());
      }
      long controllersReady = System.nanoTime();
      LocalKubernetes cluster =
          new LocalKubernetes(
              dir, temporary, url, kubeconfig, processes, admin, binaries, simulatedNodes);
      LOG.info(
          "Kubernetes {} API server ready at {} in {} ms (prepare {} ms, API server {} ms,"
              + " controllers {} ms; simulated node: {}; binaries: {}; kubeconfig: {}; logs: {})",
          binaries.version(),
          url,
          Duration.ofNanos(controllersReady - begin).toMillis(),
          Duration.ofNanos(launched - begin).toMillis(),
          Duration.ofNanos(apiReady - launched).toMillis(),
          Duration.ofNanos(controllersReady - apiReady).toMillis(),
          simulatedNodes ? SimulatedNode.NAME : "none (no kube-scheduler or kwok)",
          binaries.origin(),
          kubeconfig,
          dir.resolve("logs"));
      return cluster;
    } catch (IOException | RuntimeException e) {
      if (admin != null) {
        admin.close();
      }
      processes.forEach(ManagedProcess::stop);
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      throw new IllegalStateException(
          "Cannot start the local Kubernetes API server in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Starts the servers through the watchdog and remembers them for stop(). */
  private record Launcher(Path watchdog, Path dir, List<ManagedProcess> processes) {
    void launch(String name, Path binary, String... flags) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(List.of(flags));
      processes.add(ManagedProcess.start(name, watchdog, dir, command));
    }

    ManagedProcess get(String name) {
      return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
  }

  /**
   * A kubeconfig for one component, with its static token (user system:<name> where RBAC has one).
   */
  private static Path clientKubeconfig(
      Path dir, String component, String url, ClusterPki pki, Tokens tokens) throws IOException {
    Path file = dir.resolve(component + ".kubeconfig");
    String user = Tokens.USERS.get(component);
    writeKubeconfig(file, url, pki.caCertData(), component, tokens.of(user));
    return file;
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public String apiServerUrl() {
    return apiServerUrl;
  }

  @Override
  public KubernetesClient adminClient() {
    return admin;
  }

  public Path dataDir() {
    return dataDir;
  }

  public KubernetesBinaries binaries() {
    return binaries;
  }

  /** Logs of the pods on the simulated node; only when kwok runs it. */
  public SimulatedPodLogs podLogs() {
    if (podLogs == null) {
      throw new IllegalStateException(
          "no simulated node: testkit/kube/build.sh builds kube-scheduler and kwok");
    }
    return podLogs;
  }

  /** Stops the controller manager, the API server, then etcd; deletes a temporary data dir. */
  public synchronized void stop() {
    admin.close();
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    processes.clear();
    if (temporary) {
      deleteRecursively(dataDir);
    }
  }

  /** PIDs of the server processes (not their watchdogs), e.g. to measure their memory. */
  public List<Long> serverPids() {
    List<Long> pids = new ArrayList<>();
    for (ManagedProcess process : processes) {
      Path pidFile = dataDir.resolve(process.name() + ".pid");
      try {
        pids.add(Long.parseLong(Files.readString(pidFile).trim()));
      } catch (IOException | NumberFormatException e) {
        // A process that has not written its pid yet has no memory worth counting.
      }
    }
    return pids;
  }

  @Override
  public String toString() {
    return "local Kubernetes at " + apiServerUrl + " (data " + dataDir + ")";
  }

  private static void awaitReady(
      String url, ClusterPki pki, String token, List<ManagedProcess> processes) throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(trusting(pki.caCert()))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create(url + "/readyz"))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      for (ManagedProcess process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              process.name()
                  + " exited during startup; log: "
                  + process.log()
                  + "\n"
                  + process.logTail(20));
        }
      }
      try {
        HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the API server", e);
      }
      sleep(Duration.ofMillis(250));
    }
    StringBuilder logs = new StringBuilder();
    processes.forEach(p -> logs.append("\n  ").append(p.log()));
    throw new IllegalStateException(
        "The API server at "
            + url
            + " was not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s (last: "
            + last
            + "). Logs:"
            + logs);
  }

  /**
   * Waits until the controller manager has filled the aggregated ClusterRoles (admin, edit, view
   * start empty). Until then RBAC's escalation check lets anyone bind {@code admin}, and a team
   * bound to {@code edit} may do nothing: a test or the local run must not see that window.
   */
  private static void awaitControllers(KubernetesClient admin, ManagedProcess controllerManager) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var role = admin.rbac().clusterRoles().withName("admin").get();
      if (role != null && role.getRules() != null && !role.getRules().isEmpty()) {
        return;
      }
      if (!controllerManager.isAlive()) {
        throw new IllegalStateException(
            "kube-controller-manager exited during startup; log: "
                + controllerManager.log()
                + "\n"
                + controllerManager.logTail(20));
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "kube-controller-manager did not aggregate the admin ClusterRole within "
            + READY_TIMEOUT.toSeconds()
            + " s; log: "
            + controllerManager.log());
  }

  private static SSLContext trusting(Path caCert) throws IOException {
    try (InputStream in = Files.newInputStream(caCert)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read " + caCert, e);
    }
  }

  private static Path writeWatchdog(Path dir) throws IOException {
    Path script = dir.resolve("watchdog.sh");
    try (InputStream in = LocalKubernetes.class.getResourceAsStream("watchdog.sh")) {
      if (in == null) {
        throw new IOException("watchdog.sh missing from the testkit jar");
      }
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private static void writeKubeconfig(
      Path file, String url, String caData, String user, String token) throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: slipway-local
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: slipway-local
          context:
            cluster: slipway-local
            user: %s
        current-context: slipway-local
        """
            .formatted(url, caData, user, token, user);
    Files.writeString(file, yaml);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", dir, e.toString());
    }
  }

  /**
   * Static bearer tokens ({@code --token-auth-file}): the admin in {@code system:masters}, and one
   * per component under the user name its bootstrap RBAC binds. Kept in the data dir so a restart
   * keeps kubeconfigs valid; a user missing from an older file is added.
   */
  record Tokens(Path file, Map<String, String> byUser) {
    /** Component name → user. kwok simulates kubelets of every node: it gets admin rights. */
    static final Map<String, String> USERS =
        Map.of(
            "kube-controller-manager", CONTROLLER_MANAGER_USER,
            "kube-scheduler", "system:kube-scheduler",
            "kwok", "slipway-kwok");

    private static final Map<String, String> GROUPS =
        Map.of(ADMIN_USER, "system:masters", "slipway-kwok", "system:masters");

    String of(String user) {
      return byUser.get(user);
    }

    static Tokens loadOrCreate(Path dir) throws IOException {
      Path file = dir.resolve("tokens.csv");
      Map<String, String> byUser = new LinkedHashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          String[] fields = line.split(",", 4);
          if (fields.length >= 2) {
            byUser.put(fields[1], fields[0]);
          }
        }
      }
      List<String> users = new ArrayList<>(List.of(ADMIN_USER));
      users.addAll(USERS.values());
      StringBuilder added = new StringBuilder();
      for (String user : users) {
        if (!byUser.containsKey(user)) {
          String token = random();
          byUser.put(user, token);
          String group = GROUPS.get(user);
          added.append(token).append(',').append(user).append(',').append(user);
          if (group != null) {
            added.append(",\"").append(group).append('"');
          }
          added.append('\n');
        }
      }
      if (added.length() > 0) {
        Files.writeString(
            file,
            added,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
      return new Tokens(file, byUser);
    }

    private static String random() {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  /**
   * Loopback ports. Remembered in the data dir and reused while free, so the local run keeps its
   * URL (and etcd its peer URL, which it stores with its data) across restarts.
   */
  record Ports(int etcdClient, int etcdPeer, int apiServer, int kwok) {
    static Ports loadOrAllocate(Path dir) throws IOException {
      Path file = dir.resolve("ports.properties");
      Properties saved = new Properties();
      if (Files.exists(file)) {
        try (var in = Files.newBufferedReader(file)) {
          saved.load(in);
        }
      }
      List<Integer> taken = new ArrayList<>();
      Ports ports =
          new Ports(
              port(saved, "etcd-client", taken),
              port(saved, "etcd-peer", taken),
              port(saved, "kube-apiserver", taken),
              port(saved, "kwok", taken));
      saved.setProperty("etcd-client", String.valueOf(ports.etcdClient));
      saved.setProperty("etcd-peer", String.valueOf(ports.etcdPeer));
      saved.setProperty("kube-apiserver", String.valueOf(ports.apiServer));
      saved.setProperty("kwok", String.valueOf(ports.kwok));
      try (var out = Files.newBufferedWriter(file)) {
        saved.store(out, "loopback ports of the local Kubernetes, reused while free");
      }
      return ports;
    }

    private static int port(Properties saved, String key, List<Integer> taken) throws IOException {
      String previous = saved.getProperty(key);
      if (previous != null && isFree(Integer.parseInt(previous))) {
        taken.add(Integer.parseInt(previous));
        return Integer.parseInt(previous);
      }
      while (true) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
          int port = socket.getLocalPort();
          if (!taken.contains(port)) {
            taken.add(port);
            return port;
          }
        }
      }
    }

    private static boolean isFree(int port) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
