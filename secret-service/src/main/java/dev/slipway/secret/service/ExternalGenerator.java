package dev.slipway.secret.service;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/** Where a rotation policy's {@code hook} gets new values: one value per key asked for. */
public interface ExternalGenerator {

  Uni<Map<String, String>> generate(
      String url, String team, String environment, String name, List<String> keys);
}
