package dev.slipway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .slipway/dev.env}: the running platform in shell syntax, for {@code source} in a shell,
 * scripts, tests and the CLI. It holds the demo password, so only its owner may read it.
 */
public final class DevEnvFile {
  private DevEnvFile() {}

  public static Map<String, String> values(
      String url, Path kubeconfig, String issuer, String clientId, String demoPassword) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("SLIPWAY_URL", url);
    values.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    values.put("SLIPWAY_OIDC_ISSUER", issuer);
    values.put("SLIPWAY_OIDC_CLIENT_ID", clientId);
    values.put("SLIPWAY_DEMO_PASSWORD", demoPassword);
    values.put(
        "SLIPWAY_DEMO_USERS",
        String.join(
            " ",
            dev.slipway.launcher.keycloak.DemoUser.ALL.stream()
                .map(dev.slipway.launcher.keycloak.DemoUser::username)
                .toList()));
    return values;
  }

  public static String render(Map<String, String> values) {
    StringBuilder text =
        new StringBuilder(
            "# Written by ./slipway dev on every start; use with: source .slipway/dev.env\n");
    values.forEach(
        (name, value) ->
            text.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    return text.toString();
  }

  /** Written next to the target and renamed, so a reader never sees half a file. */
  public static void write(Path file, Map<String, String> values) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(partial, render(values));
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Single quotes keep {@code $}, backticks and spaces literal; a quote inside is closed over. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
