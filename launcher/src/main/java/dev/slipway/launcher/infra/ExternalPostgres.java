package dev.slipway.launcher.infra;

import java.net.URI;
import java.util.Optional;

/**
 * A PostgreSQL server the developer runs, from {@code SLIPWAY_POSTGRES_URL}: only its host and port
 * count, since every service gets a database of its own on it.
 */
public record ExternalPostgres(String host, int port, String username, String password) {

  /**
   * Accepts {@code jdbc:postgresql://host:port[/db]}, {@code postgresql://[user[:pw]@]host:port}
   * and {@code postgres://...}: whichever form the developer has at hand.
   */
  public static ExternalPostgres parse(
      String url, Optional<String> username, Optional<String> password) {
    String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    URI uri = URI.create(plain);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "SLIPWAY_POSTGRES_URL=" + url + " is not a postgresql:// or jdbc:postgresql:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("SLIPWAY_POSTGRES_URL=" + url + " names no host");
    }
    String[] userInfo = uri.getUserInfo() == null ? new String[0] : uri.getUserInfo().split(":", 2);
    String user =
        username.orElse(userInfo.length > 0 && !userInfo[0].isEmpty() ? userInfo[0] : "postgres");
    String secret = password.orElse(userInfo.length > 1 ? userInfo[1] : "");
    return new ExternalPostgres(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, secret);
  }
}
