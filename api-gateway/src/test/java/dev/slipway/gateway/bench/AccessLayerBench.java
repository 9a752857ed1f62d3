package dev.slipway.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gateway.FakeEnvironmentService;
import dev.slipway.gateway.FakeUpstreams;
import dev.slipway.gateway.rest.AccessFilter;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §7: the same read route of the gateway with and without its access layer (AccessFilter:
 * policy lookup, team membership, the environment's existence and kind, rate limits), alternating
 * in rounds within one run so that both sides share the machine's noise. Both sides validate the
 * bearer token (the resources require one). Run by hand, not in the test command:
 *
 * <pre>./mvnw -B -q -pl api-gateway -am verify -DskipITs -Dtest=AccessLayerBench
 * -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Writes bench/results/access-layer.md.
 */
@QuarkusTest
@TestProfile(AccessLayerBench.Unlimited.class)
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
class AccessLayerBench {

  private static final int CLIENTS = 16;
  private static final Duration ROUND = Duration.ofSeconds(5);
  private static final int ROUNDS = 6;

  /** The bench's user may send as fast as it can: the rate limiter's check still runs. */
  public static class Unlimited implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "slipway.limits.users.\"bench\".rate", "1000000",
          "slipway.limits.users.\"bench\".burst", "1000000",
          "slipway.limits.teams.\"payments\".rate", "1000000",
          "slipway.limits.teams.\"payments\".burst", "1000000");
    }
  }

  @TestHTTPResource("/api/v1/teams/payments/environments/dev/apps")
  URI route;

  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

  @Test
  void theAccessLayerCostsLittle() throws Exception {
    String token = TestOidcServer.shared().token("bench", List.of("/teams/payments/developer"));
    HttpRequest request =
        HttpRequest.newBuilder(route).header("Authorization", "Bearer " + token).GET().build();
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    long[] counts = new long[2];
    round(request, false, Duration.ofSeconds(5)); // warm-up of both paths
    round(request, true, Duration.ofSeconds(5));
    for (int i = 0; i < ROUNDS; i++) {
      boolean bypass = i % 2 == 1;
      List<Double> sample = round(request, bypass, ROUND);
      (bypass ? without : with).addAll(sample);
      counts[bypass ? 1 : 0] += sample.size();
    }
    double seconds = ROUND.toSeconds() * ROUNDS / 2.0;
    Stats withStats = Stats.of(with, counts[0] / seconds);
    Stats withoutStats = Stats.of(without, counts[1] / seconds);
    report(withStats, withoutStats);
    assertThat(with).isNotEmpty();
    assertThat(without).isNotEmpty();
  }

  /** CLIENTS closed-loop clients for one round; every answer must be a 200. */
  private List<Double> round(HttpRequest request, boolean bypass, Duration length)
      throws Exception {
    System.setProperty(AccessFilter.BENCH_WITHOUT, Boolean.toString(bypass));
    try {
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long end = System.nanoTime() + length.toNanos();
      List<Future<List<Double>>> futures = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        futures.add(
            clients.submit(
                () -> {
                  List<Double> millis = new ArrayList<>();
                  while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    millis.add((System.nanoTime() - start) / 1e6);
                    if (answer.statusCode() != 200) {
                      throw new IllegalStateException(
                          "answer " + answer.statusCode() + ": " + answer.body());
                    }
                  }
                  return millis;
                }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> f : futures) {
        all.addAll(f.get());
      }
      clients.shutdown();
      return all;
    } finally {
      System.clearProperty(AccessFilter.BENCH_WITHOUT);
    }
  }

  private record Stats(int count, double perSecond, double p50, double p99) {
    static Stats of(List<Double> millis, double perSecond) {
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      return new Stats(sorted.length, perSecond, rank(sorted, 0.5), rank(sorted, 0.99));
    }

    static double rank(double[] sorted, double q) {
      return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    String row(String what) {
      return String.format("| %s | %d | %.0f | %.2f | %.2f |", what, count, perSecond, p50, p99);
    }
  }

  private static void report(Stats with, Stats without) throws IOException {
    String table =
        String.join(
            "\n",
            "# Access layer (issue 8 §7), " + LocalDate.now(),
            "",
            "`GET /api/v1/teams/payments/environments/dev/apps` through the gateway, "
                + CLIENTS
                + " closed-loop clients, "
                + ROUNDS
                + " alternating rounds of "
                + ROUND.toSeconds()
                + " s (AccessLayerBench).",
            "",
            "| route | requests | req/s | p50 ms | p99 ms |",
            "|---|---|---|---|---|",
            with.row("with the access layer"),
            without.row("without it (same gateway, same token check)"),
            "",
            String.format(
                "Throughput ratio %.2f× (goal ≥ 0.85×); p99 difference %+.2f ms (goal ≤ +1 ms).",
                with.perSecond() / without.perSecond(), with.p99() - without.p99()),
            "");
    System.out.println(table);
    Path out = Path.of("..", "bench", "results", "access-layer.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
