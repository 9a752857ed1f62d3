package dev.slipway.testkit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on the loopback address, where every embedded server listens. */
public final class FreePort {

  private FreePort() {}

  /**
   * A port that was free a moment ago. Another process could take it before the caller binds it;
   * the window is short and the servers bind right away, which is the usual trade-off for servers
   * (Kafka's controller, PostgreSQL) that cannot report a port chosen by the kernel.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback address", e);
    }
  }
}
