package dev.slipway.reliability;

import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.logging.Logger;

/**
 * A loopback HTTP proxy in front of the Kubernetes API server that the services reach it through
 * (their kubeconfig names it): it passes every request on over TLS, or, in a fault mode, answers
 * slowly, with 429 and Retry-After, 500, 409 on applies, or not at all (its port closed).
 *
 * <p>One request per connection (the proxy asks the API server to close after each answer), so that
 * every request meets the current mode. Watches and upgrades pass through untouched: a fault that
 * ends a long-lived stream is what {@link Mode#UNREACHABLE} does, by cutting every connection.
 */
public final class KubernetesFaultProxy implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KubernetesFaultProxy.class);
  static final Duration DELAY = Duration.ofSeconds(2);
  private static final int MAX_HEAD = 64 * 1024;

  /** What the proxy does to the requests it receives. */
  public enum Mode {
    PASS("passes every request on"),
    SLOW("answers every request " + DELAY.toMillis() + " ms late"),
    TOO_MANY_REQUESTS("answers every other request 429 with Retry-After: 1"),
    SERVER_ERROR("answers every other request 500"),
    CONFLICT("answers every other apply (PATCH) 409 Conflict"),
    UNREACHABLE("refuses connections and cuts open ones");

    private final String description;

    Mode(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final URI upstream;
  private final SSLSocketFactory tls;
  private final int port;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kube-fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong faulted = new AtomicLong();
  private final Map<Long, String> inFlight = new ConcurrentHashMap<>();
  private volatile Mode mode = Mode.PASS;
  private ServerSocket server;

  private KubernetesFaultProxy(URI upstream, SSLSocketFactory tls, int port) {
    this.upstream = upstream;
    this.tls = tls;
    this.port = port;
  }

  /** Starts a proxy on {@code port} in front of the cluster that {@code kubeconfig} names. */
  public static KubernetesFaultProxy start(Path kubeconfig, int port) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    var proxy = new KubernetesFaultProxy(URI.create(config.getMasterUrl()), trusting(config), port);
    proxy.listen();
    return proxy;
  }

  /** A copy of {@code kubeconfig} (same user and token) whose server is this proxy. */
  public Path kubeconfig(Path kubeconfig, Path target) throws IOException {
    String yaml = Files.readString(kubeconfig);
    String server = upstream.toString().replaceAll("/$", "");
    String proxied =
        yaml.replace("server: " + server, "server: http://127.0.0.1:" + port)
            .replaceAll("(?m)^\\s*certificate-authority-data: .*\\n", "");
    if (proxied.equals(yaml)) {
      throw new IllegalStateException("no server " + server + " in " + kubeconfig);
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, proxied);
    return target;
  }

  public synchronized void mode(Mode next) throws IOException {
    if (next == mode) {
      return;
    }
    LOG.infof("Kubernetes API fault proxy: %s", next.description());
    if (next == Mode.UNREACHABLE) {
      server.close();
      open.forEach(KubernetesFaultProxy::closeQuietly);
    } else if (mode == Mode.UNREACHABLE) {
      mode = next;
      listen();
    }
    mode = next;
  }

  public Mode mode() {
    return mode;
  }

  /** Requests received, and how many of them got a fault instead of the API server's answer. */
  public long requests() {
    return requests.get();
  }

  public long faulted() {
    return faulted.get();
  }

  /**
   * Waits until a request whose line starts with {@code method} and contains {@code pathPart} is in
   * flight (held by {@link Mode#SLOW}, or on its way to the API server): the moment to aim a kill
   * at. Answers whether one was seen within {@code timeout}.
   */
  public boolean awaitInFlight(String method, String pathPart, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (inFlight.values().stream()
          .anyMatch(line -> line.startsWith(method + " ") && line.contains(pathPart))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private void listen() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "kube-fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        connections.submit(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String requestLine = text.substring(0, text.indexOf("\r\n"));
      String method = requestLine.substring(0, requestLine.indexOf(' '));
      boolean stream =
          requestLine.contains("watch=true")
              || requestLine.contains("follow=true")
              || text.toLowerCase(Locale.ROOT).contains("\r\nupgrade:");
      long n = requests.incrementAndGet();
      Mode now = mode;
      if (!stream && refuse(client.getOutputStream(), now, method, n)) {
        faulted.incrementAndGet();
        return;
      }
      inFlight.put(n, requestLine);
      try {
        if (now == Mode.SLOW) {
          Thread.sleep(DELAY.toMillis());
        }
        forward(client, in, rewrite(text, stream));
      } finally {
        inFlight.remove(n);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debugf("Kubernetes API fault proxy: connection ended: %s", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(client);
    }
  }

  /** Answers the fault instead of the API server's answer, when the mode says so. */
  private static boolean refuse(OutputStream out, Mode mode, String method, long n)
      throws IOException {
    boolean everyOther = n % 2 == 0;
    return switch (mode) {
      case TOO_MANY_REQUESTS ->
          everyOther && answer(out, 429, "Too Many Requests", "TooManyRequests", true);
      case SERVER_ERROR ->
          everyOther && answer(out, 500, "Internal Server Error", "InternalError", false);
      case CONFLICT ->
          everyOther && method.equals("PATCH") && answer(out, 409, "Conflict", "Conflict", false);
      default -> false;
    };
  }

  private static boolean answer(
      OutputStream out, int code, String phrase, String reason, boolean retryAfter)
      throws IOException {
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"injected by the reliability suite's fault proxy\",\"reason\":\""
            + reason
            + "\",\"code\":"
            + code
            + (retryAfter ? ",\"details\":{\"retryAfterSeconds\":1}" : "")
            + "}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String response =
        "HTTP/1.1 "
            + code
            + " "
            + phrase
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + (retryAfter ? "\r\nRetry-After: 1" : "")
            + "\r\nConnection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
    return true;
  }

  /** The request head for the API server: its Host, and one request per connection. */
  private String rewrite(String head, boolean stream) {
    StringBuilder out = new StringBuilder();
    String[] lines = head.split("\r\n");
    out.append(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase(Locale.ROOT);
      if (lower.startsWith("host:") || (!stream && lower.startsWith("connection:"))) {
        continue;
      }
      out.append(lines[i]).append("\r\n");
    }
    out.append("Host: ").append(upstream.getHost()).append(':').append(upstream.getPort());
    out.append("\r\n");
    if (!stream) {
      out.append("Connection: close\r\n");
    }
    return out.append("\r\n").toString();
  }

  private void forward(Socket client, InputStream clientIn, String head) throws IOException {
    try (Socket api = tls.createSocket(upstream.getHost(), upstream.getPort())) {
      open.add(api);
      try {
        OutputStream apiOut = api.getOutputStream();
        apiOut.write(head.getBytes(StandardCharsets.ISO_8859_1));
        apiOut.flush();
        connections.submit(() -> pump(clientIn, apiOut));
        api.getInputStream().transferTo(client.getOutputStream());
      } finally {
        open.remove(api);
      }
    }
  }

  private static void pump(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
    } catch (IOException ended) {
      // The other direction ended the exchange.
    }
  }

  /** The request line and headers, up to the blank line; null when the client sent nothing. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  private static SSLSocketFactory trusting(Config config) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    byte[] ca = Base64.getDecoder().decode(config.getCaCertData());
    int i = 0;
    for (var cert :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(ca))) {
      trust.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Cutting it is the point.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
    open.forEach(KubernetesFaultProxy::closeQuietly);
    connections.shutdownNow();
  }
}
