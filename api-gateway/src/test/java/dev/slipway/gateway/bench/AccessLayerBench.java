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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §7: the same read route of the gateway with and without its access layer (AccessFilter:
 * policy lookup, team membership, the environment's existence and kind, rate limits), alternating
 * in rounds within one run so that both sides share the machine's noise. Both sides validate the
 * bearer token (the resources require one).
 *
 * <p>Two phases, because a saturated closed loop says nothing about latency (there, latency is
 * clients ÷ throughput): throughput with {@value #IN_FLIGHT} requests always in flight, then
 * latency under an open-loop load at half the throughput measured without the layer, timed from
 * each request's scheduled send (no coordinated omission). The client is a non-blocking Vert.x
 * client on one event loop of its own, so it takes little of the machine from the gateway.
 *
 * <p>Run by hand, not in the test command:
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

  private static final int IN_FLIGHT = 16;
  private static final Duration ROUND = Duration.ofSeconds(3);
  private static final int ROUNDS = 10;
  private static final double OPEN_LOOP_SHARE = 0.5;

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

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient http =
      vertx.createHttpClient(
          new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(IN_FLIGHT * 2));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theAccessLayerCostsLittle() throws Exception {
    String token = TestOidcServer.shared().token("bench", List.of("/teams/payments/developer"));
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(route.getHost())
            .setPort(route.getPort())
            .setURI(route.getPath())
            .putHeader("Authorization", "Bearer " + token);
    Side with = new Side();
    Side without = new Side();
    closedLoop(request, false, ROUND); // warm-up of both paths
    closedLoop(request, true, ROUND);
    for (int i = 0; i < ROUNDS; i++) {
      boolean bypass = i % 2 == 1;
      (bypass ? without : with).saturated.addAll(closedLoop(request, bypass, ROUND));
    }
    double seconds = ROUND.toSeconds() * ROUNDS / 2.0;
    double rate = OPEN_LOOP_SHARE * without.saturated.size() / seconds;
    for (int i = 0; i < ROUNDS; i++) {
      boolean bypass = i % 2 == 1;
      (bypass ? without : with).paced.addAll(openLoop(request, bypass, rate, ROUND));
    }
    report(with, without, seconds, rate);
    assertThat(with.paced).isNotEmpty();
    assertThat(without.paced).isNotEmpty();
  }

  private static final class Side {
    final List<Double> saturated = new ArrayList<>();
    final List<Double> paced = new ArrayList<>();
  }

  /** IN_FLIGHT chains of requests for one round, each sending its next as its last is answered. */
  private List<Double> closedLoop(RequestOptions request, boolean bypass, Duration length)
      throws Exception {
    return during(
        bypass,
        done -> {
          List<Double> millis = new ArrayList<>();
          long end = System.nanoTime() + length.toNanos();
          int[] open = {IN_FLIGHT};
          for (int c = 0; c < IN_FLIGHT; c++) {
            chain(request, end, millis, open, done);
          }
        });
  }

  private void chain(
      RequestOptions request,
      long end,
      List<Double> millis,
      int[] open,
      CompletableFuture<List<Double>> done) {
    if (System.nanoTime() >= end) {
      if (--open[0] == 0) {
        done.complete(millis);
      }
      return;
    }
    long start = System.nanoTime();
    send(request)
        .onComplete(
            answer -> {
              if (answer.failed()) {
                done.completeExceptionally(answer.cause());
                return;
              }
              millis.add((System.nanoTime() - start) / 1e6);
              chain(request, end, millis, open, done);
            });
  }

  /**
   * Requests at a fixed rate for one round, whatever the answers do; each latency counts from the
   * moment the request was due, so a stall shows in every request it delays.
   */
  private List<Double> openLoop(
      RequestOptions request, boolean bypass, double perSecond, Duration length) throws Exception {
    return during(
        bypass,
        done -> {
          List<Double> millis = new ArrayList<>();
          long start = System.nanoTime();
          long total = (long) (perSecond * length.toNanos() / 1e9);
          long[] sent = {0};
          long[] answered = {0};
          vertx.setPeriodic(
              1,
              timer -> {
                long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * perSecond));
                for (; sent[0] < due; sent[0]++) {
                  long scheduled = start + (long) (sent[0] * 1e9 / perSecond);
                  send(request)
                      .onComplete(
                          answer -> {
                            if (answer.failed()) {
                              done.completeExceptionally(answer.cause());
                              return;
                            }
                            millis.add((System.nanoTime() - scheduled) / 1e6);
                            if (++answered[0] == total) {
                              done.complete(millis);
                            }
                          });
                }
                if (sent[0] == total) {
                  vertx.cancelTimer(timer);
                }
              });
        });
  }

  /** Runs a round on the client's event loop with the access layer switched as asked. */
  private List<Double> during(
      boolean bypass, java.util.function.Consumer<CompletableFuture<List<Double>>> round)
      throws Exception {
    System.setProperty(AccessFilter.BENCH_WITHOUT, Boolean.toString(bypass));
    try {
      CompletableFuture<List<Double>> done = new CompletableFuture<>();
      vertx.runOnContext(ignored -> round.accept(done));
      return done.get(ROUND.toSeconds() + 30, TimeUnit.SECONDS);
    } finally {
      System.clearProperty(AccessFilter.BENCH_WITHOUT);
    }
  }

  /** One GET; anything but a 200 fails the run. */
  private Future<Void> send(RequestOptions request) {
    return http.request(request)
        .compose(req -> req.send())
        .compose(
            res ->
                res.body()
                    .compose(
                        body ->
                            res.statusCode() == 200
                                ? Future.succeededFuture()
                                : Future.failedFuture("answer " + res.statusCode() + ": " + body)));
  }

  private record Stats(int count, double perSecond, double p50, double p99) {
    static Stats of(List<Double> millis, double seconds) {
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      return new Stats(
          sorted.length, sorted.length / seconds, rank(sorted, 0.5), rank(sorted, 0.99));
    }

    static double rank(double[] sorted, double q) {
      return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    String row(String what, String load) {
      return String.format(
          "| %s | %s | %d | %.0f | %.2f | %.2f |", what, load, count, perSecond, p50, p99);
    }
  }

  /** The machine's load: the run is only comparable with runs under a similar one. */
  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.isReadable(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).trim().split("\\s+");
    return String.join(" ", Arrays.copyOf(fields, 3));
  }

  private static void report(Side with, Side without, double seconds, double rate)
      throws IOException {
    Stats withMax = Stats.of(with.saturated, seconds);
    Stats withoutMax = Stats.of(without.saturated, seconds);
    Stats withPaced = Stats.of(with.paced, seconds);
    Stats withoutPaced = Stats.of(without.paced, seconds);
    String saturated = IN_FLIGHT + " in flight";
    String paced = String.format("%.0f req/s offered", rate);
    String table =
        String.join(
            "\n",
            "# Access layer (issue 8 §7), " + LocalDate.now(),
            "",
            "`GET /api/v1/teams/payments/environments/dev/apps` through the gateway, "
                + ROUNDS
                + " alternating rounds of "
                + ROUND.toSeconds()
                + " s per phase (AccessLayerBench): throughput with "
                + saturated
                + ", then latency at "
                + paced
                + " (half the throughput without the layer, open loop).",
            "",
            "| route | load | requests | req/s | p50 ms | p99 ms |",
            "|---|---|---|---|---|---|",
            withMax.row("with the access layer", saturated),
            withoutMax.row("without it (same gateway, same token check)", saturated),
            withPaced.row("with the access layer", paced),
            withoutPaced.row("without it (same gateway, same token check)", paced),
            "",
            String.format(
                "Throughput ratio %.2f× (goal ≥ 0.85×); p99 difference at %s %+.2f ms (goal ≤ +1 ms).",
                withMax.perSecond() / withoutMax.perSecond(),
                paced,
                withPaced.p99() - withoutPaced.p99()),
            "",
            "Load average at the end (1, 5, 15 min): " + loadAverage() + ".",
            "");
    System.out.println(table);
    Path out = Path.of("..", "bench", "results", "access-layer.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
