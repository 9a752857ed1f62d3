package dev.slipway.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fails before anything starts when a fixed port is taken, naming the port and what Slipway wanted
 * it for: far clearer than a service dying half-way with "Address already in use" in its log.
 */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(Map<Integer, String> ports) {
    List<String> busy = new ArrayList<>();
    ports.forEach(
        (port, use) -> {
          if (!isFree(port)) {
            busy.add(port + " (" + use + ")");
          }
        });
    if (!busy.isEmpty()) {
      throw new IllegalStateException(
          "ports in use on 127.0.0.1: "
              + String.join(", ", busy)
              + ". Is another ./slipway dev running? `ss -ltnp 'sport = :PORT'` shows who holds"
              + " one.");
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // Without SO_REUSEADDR a port in TIME_WAIT from the previous run would count as busy.
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
