package dev.slipway.gateway.client;

import dev.slipway.gateway.config.LimitsConfig;
import dev.slipway.kit.problem.Problem;
import dev.slipway.kit.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Streams a cloud bill to cost-service as it arrives: never held whole in memory, and cut off with
 * 413 once it passes {@code slipway.limits.bill-max-body-size}. The JDK client sends it chunked
 * with the caller's token; cost-service checks the token, the role and the file again.
 */
@ApplicationScoped
public class CostBillUpload {

  /** A large bill takes longer than an ordinary call ({@link Upstream#TIMEOUT}) to send. */
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

  private static final String SERVICE = "cost-service";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI costService;
  private final long limit;
  private final SecurityIdentity identity;

  public CostBillUpload(
      @ConfigProperty(name = "quarkus.rest-client.cost-service.url") URI costService,
      LimitsConfig limits,
      SecurityIdentity identity) {
    this.costService = costService;
    this.limit = limits.billMaxBodySize().asLongValue();
    this.identity = identity;
  }

  /** Blocking: runs on a worker thread, reading {@code body} while it sends it. */
  public Response upload(String provider, String contentType, InputStream body) {
    Counted counted = new Counted(body, limit);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                costService.resolve(
                    "/api/v1/platform/costs/bills/"
                        + URLEncoder.encode(provider, StandardCharsets.UTF_8)))
            .timeout(UPLOAD_TIMEOUT)
            .header("Content-Type", contentType == null ? "text/csv" : contentType)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counted));
    if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
      request.header("Authorization", "Bearer " + token.getRawToken());
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ProblemException(
          Problem.of(
              504,
              "Upstream timeout",
              SERVICE + " did not answer within " + UPLOAD_TIMEOUT.toSeconds() + " s."));
    } catch (IOException e) {
      if (counted.exceeded) {
        throw new ProblemException(
            Problem.of(413, "Bill too large", "A bill file may hold at most " + limit + " bytes."));
      }
      if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
        throw new ProblemException(
            Problem.of(
                503, "Service unavailable", SERVICE + " cannot be reached; try again shortly."));
      }
      throw new ProblemException(
          Problem.of(502, "Bad gateway", SERVICE + " broke off the upload; nothing was imported."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(Problem.of(503, "Service unavailable", "The upload was stopped."));
    }
    var response = Response.status(answer.statusCode()).entity(answer.body());
    answer.headers().firstValue("Content-Type").ifPresent(response::type);
    return response.build();
  }

  /** Counts what passes and fails the read past the limit, which aborts the upstream request. */
  static final class Counted extends FilterInputStream {
    private final long limit;
    private long read;
    volatile boolean exceeded;

    Counted(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        exceeded = true;
        throw new IOException("bill over " + limit + " bytes");
      }
    }
  }
}
